package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A burst of due runs starts one upload process; a claim nobody ended expires. */
class UploadClaimTest {
  static final long NOW = 1_800_000_000_000L;

  @TempDir Path dir;

  @Test
  void onlyTheFirstOfABurstOfDueRunsStartsAnUpload() {
    File claim = dir.resolve("tool.upload.claim").toFile();

    assertThat(UploadClaim.take(claim, NOW)).isTrue();
    claim.setLastModified(NOW);
    assertThat(UploadClaim.take(claim, NOW + 1)).isFalse();
    assertThat(UploadClaim.take(claim, NOW + UploadClaim.MAX_AGE_MILLIS - 1)).isFalse();

    UploadClaim.release(claim);
    assertThat(UploadClaim.take(claim, NOW + 2)).as("after the upload ended").isTrue();
  }

  @Test
  void aClaimOlderThanAnyUploadProcessOrFromTheFutureIsTakenOver() {
    File claim = dir.resolve("tool.upload.claim").toFile();
    UploadClaim.take(claim, NOW);
    claim.setLastModified(NOW);

    assertThat(UploadClaim.take(claim, NOW + UploadClaim.MAX_AGE_MILLIS)).as("its process is gone").isTrue();
    assertThat(UploadClaim.take(claim, NOW + UploadClaim.MAX_AGE_MILLIS + 1)).as("renewed by the take").isFalse();
    assertThat(UploadClaim.take(claim, NOW - 60_000)).as("the clock was set back").isTrue();
  }

  @Test
  void aClaimThatCannotBeMadeDoesNotStopUploads() {
    File claim = dir.resolve("no-such-dir").resolve("tool.upload.claim").toFile();
    assertThat(UploadClaim.take(claim, NOW)).isTrue();
    assertThat(UploadClaim.take(claim, NOW)).isTrue();
  }
}

package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload process goes on while runs record beside it: a due run that found its claim started
 * no upload of its own, and its event must not wait for the next due run.
 */
class FlushMainTest {
  @TempDir Path dir;
  File claim;
  Journal journal;
  final List<Boolean> claimedDuringPass = new ArrayList<>();

  @BeforeEach
  void claimed() throws Exception {
    claim = dir.resolve("tool.upload.claim").toFile();
    journal = new Journal(dir.resolve("tool.journal").toFile());
    assertThat(claim.createNewFile()).isTrue();
  }

  @Test
  void anEventRecordedWhileAPassEndsIsUploadedByAnotherPass() throws Exception {
    FlushMain.uploadWhileRecorded(claim, journal, far(), () -> {
      claimedDuringPass.add(claim.exists());
      if (claimedDuringPass.size() == 1) {
        record("late"); // a due run records after this pass's last look at the journal
      } else {
        importJournal();
      }
      return true;
    });

    assertThat(claimedDuringPass).as("passes, and whether the claim was held in each").containsExactly(true, true);
    assertThat(journal.size()).isZero();
    assertThat(claim).as("ended with the last pass").doesNotExist();
  }

  @Test
  void nothingRecordedMeansOnePass() throws Exception {
    FlushMain.uploadWhileRecorded(claim, journal, far(), () -> {
      claimedDuringPass.add(claim.exists());
      return true;
    });

    assertThat(claimedDuringPass).containsExactly(true);
    assertThat(claim).doesNotExist();
  }

  @Test
  void aPassHeldBackByABackoffEndsTheProcessWhateverWaits() throws Exception {
    record("waiting");

    FlushMain.uploadWhileRecorded(claim, journal, far(), () -> {
      claimedDuringPass.add(claim.exists());
      return false;
    });

    assertThat(claimedDuringPass).as("no second pass: it would only be held back again").containsExactly(true);
    assertThat(claim).doesNotExist();
  }

  @Test
  void noPassStartsAfterTheDeadline() throws Exception {
    FlushMain.uploadWhileRecorded(claim, journal, System.currentTimeMillis() - 1, () -> {
      claimedDuringPass.add(claim.exists());
      record("late");
      return true;
    });

    assertThat(claimedDuringPass).containsExactly(true);
    assertThat(claim).doesNotExist();
  }

  private void record(String id) throws Exception {
    journal.append(id, "{\"event_id\":\"" + id + "\"}");
  }

  private void importJournal() {
    for (File f : journal.files()) {
      assertThat(f.delete()).isTrue();
    }
  }

  private static long far() {
    return System.currentTimeMillis() + 60_000;
  }
}

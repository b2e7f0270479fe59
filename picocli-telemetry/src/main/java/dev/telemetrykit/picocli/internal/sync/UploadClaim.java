package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;

/**
 * {@code <tool>.upload.claim}: an upload process was started moments ago and has not ended. A due
 * run that finds it starts none, so that a burst of due runs (a script running the tool in a loop
 * or in parallel) starts one JVM instead of one per run, each of which would only find the flush
 * lock taken and exit. The upload process removes the claim when it ends; one older than an
 * upload process can live is ignored, so a killed upload (or one that could not start) delays
 * the next by that much at most.
 */
final class UploadClaim {
  /** No upload process outlives this, so a claim that is older belongs to none. */
  static final long MAX_AGE_MILLIS = FlushMain.HARD_LIMIT_MILLIS + 5_000L;

  private UploadClaim() {}

  /**
   * Claims the next upload for the caller: true when no upload process was started in the last
   * {@link #MAX_AGE_MILLIS}. True as well when the claim cannot be used at all: the flush lock
   * still keeps uploads one at a time.
   */
  static boolean take(File claim, long now) {
    try {
      if (SafeFiles.createNew(claim.toPath())) {
        return true;
      }
    } catch (IOException | SecurityException e) {
      return true;
    }
    long age = now - claim.lastModified();
    if (age >= 0 && age < MAX_AGE_MILLIS) {
      return false;
    }
    // Stale, or from the future (the clock was set back): take it over, emptied of the mark of the
    // process it belonged to, so that a start that fails now shows (UploadStart). Two runs that do
    // so at the same moment both start an upload, and one of them yields to the other's lock.
    try {
      write(claim, "");
    } catch (IOException | SecurityException e) {
      // Unwritable, or a link: the flush lock still keeps uploads one at a time.
    }
    claim.setLastModified(now);
    return true;
  }

  /**
   * Claims again for an upload process that holds the flush lock and goes on uploading, whether or
   * not a run has claimed since: a process that run started finds the lock taken and exits.
   */
  static void renew(File claim, long now) {
    try {
      SafeFiles.createNew(claim.toPath());
      write(claim, UploadStart.MARK); // by a process that runs
    } catch (IOException | SecurityException e) {
      // Without a claim, due runs start upload processes that find the lock taken: slower, not wrong.
    }
    claim.setLastModified(now);
  }

  /** Replaces the claim's content, never through a link (the claim exists: it was just made). */
  static void write(File claim, String content) throws IOException {
    Files.write(claim.toPath(), content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
  }

  /** Ends the claim: the next due run may start an upload. */
  static void release(File claim) {
    claim.delete();
  }
}

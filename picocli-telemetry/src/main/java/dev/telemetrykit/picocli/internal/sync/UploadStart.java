package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.LinkOption;

/**
 * Whether the upload process a due run started got under way, for {@code telemetry status}.
 *
 * <p>The run takes {@code <tool>.upload.claim} empty; the upload process writes {@link #MARK} into
 * it first thing. A claim still empty {@link #GRACE_MILLIS} later belongs to a process that never
 * started: {@code java} missing, the SDK not found, a GC the JVM refused, an app that exited before
 * calling {@code Telemetry}. Why is in {@code <tool>.upload.err}: the process's stderr until it
 * started, or the launcher's own error. That file stays on this machine (owner-only); it is shown
 * by {@code telemetry status} and never sent.
 */
public final class UploadStart {
  /** What an upload process writes into the claim once it runs. */
  static final String MARK = "started\n";
  /** A JVM starts in well under a second; on a machine busy with a burst of runs, in a few. */
  static final long GRACE_MILLIS = 10_000L;
  /** The first lines of the error file are enough to say why. */
  private static final int MAX_REASON_CHARS = 300;

  private UploadStart() {}

  /** The upload process's stderr until it has started, next to the claim. */
  static Path errorFile(TelemetryConfig config) {
    return config.home().resolve(config.toolName() + ".upload.err");
  }

  /** Options for the upload's {@code java}, when they do not fit its command line. */
  static Path argFile(TelemetryConfig config) {
    return config.home().resolve(config.toolName() + ".upload.args");
  }

  /**
   * Called by the upload process first: it started. Writes the mark into the claim (never creates
   * one: an upload that ended meanwhile deleted it), and removes what only a start that failed
   * needs.
   */
  static void started(TelemetryConfig config) {
    try {
      UploadClaim.write(config.uploadClaimFile().toFile(), MARK);
    } catch (IOException | RuntimeException e) {
      // No claim (the upload was started by hand, or another ended it): nothing to mark.
    }
    try {
      Files.deleteIfExists(argFile(config)); // may hold a trust store's password
      Files.deleteIfExists(errorFile(config)); // still our stderr where files can be deleted while open
    } catch (IOException | RuntimeException e) {
      // Windows keeps an open file; it holds nothing of the start then.
    }
  }

  /** Records why the upload could not be started, for {@link #problem}. */
  static void failed(TelemetryConfig config, String reason) {
    try {
      writeOwnerOnly(errorFile(config), reason + "\n");
    } catch (IOException | RuntimeException e) {
      // The data directory cannot be written: status says so on its own.
    }
  }

  /** Writes a file only its owner can read, never through a link. */
  static void writeOwnerOnly(Path file, String text) throws IOException {
    SafeFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The problem line for {@code telemetry status}, or null: a claim older than {@link
   * #GRACE_MILLIS} that no upload process marked.
   */
  public static String problem(TelemetryConfig config, long now) {
    Path claim = config.uploadClaimFile();
    try {
      long age = now - Files.getLastModifiedTime(claim).toMillis();
      if (age < GRACE_MILLIS || Files.size(claim) > 0) {
        return null;
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return "the upload process could not start: " + reason(errorFile(config)) + "; run '" + config.manage("flush") + "'";
  }

  /**
   * The first line of the error file that says something: the JVM's own notes ("Picked up
   * JAVA_TOOL_OPTIONS") are skipped, and "Error occurred during initialization of VM" is followed
   * by its cause ("Multiple garbage collectors selected").
   */
  static String reason(Path errorFile) {
    String first = null;
    try (Reader in = new InputStreamReader(Files.newInputStream(errorFile, LinkOption.NOFOLLOW_LINKS),
        StandardCharsets.UTF_8);
        BufferedReader lines = new BufferedReader(in, 1024)) {
      int read = 0;
      for (String line; (line = lines.readLine()) != null && read < 8 * 1024; ) {
        read += line.length() + 1;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("Picked up ") || line.startsWith("NOTE: Picked up ")) {
          continue;
        }
        if (first == null && line.startsWith("Error occurred during initialization of VM")) {
          first = line;
          continue;
        }
        first = first == null ? line : first + ": " + line;
        break;
      }
    } catch (IOException | RuntimeException e) {
      // No file: the process ended without a word
    }
    if (first == null) {
      return "it ended without an error message (an app that exits before calling Telemetry does that)";
    }
    if (first.endsWith(".")) {
      first = first.substring(0, first.length() - 1); // a clause of the problem line
    }
    return first.length() > MAX_REASON_CHARS ? first.substring(0, MAX_REASON_CHARS) + "…" : first;
  }
}

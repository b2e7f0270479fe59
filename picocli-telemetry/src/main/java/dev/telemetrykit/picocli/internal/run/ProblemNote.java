package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A count of the invalid custom events an app passed, and when the last one came: {@code count
 * epochMillis} in a small text file. Nothing of what was passed is kept, since it may hold
 * anything the app had at hand.
 *
 * @param count how many were dropped
 * @param lastMillis when the last one was, epoch ms
 */
public record ProblemNote(long count, long lastMillis) {

  /** The note in {@code file}, or null when there is none or it is unreadable. */
  public static ProblemNote load(Path file) {
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
      return new ProblemNote(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static void increment(Path file, long nowMillis) throws IOException {
    ProblemNote before = load(file);
    long count = before == null ? 1 : before.count() + 1;
    SafeFiles.writeAtomically(file, (count + " " + nowMillis + "\n").getBytes(StandardCharsets.US_ASCII));
  }
}

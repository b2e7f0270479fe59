package dev.telemetrykit.picocli.internal.json;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the SDK's small JSON files so that a reader sees the old file or the new one, never half. */
public final class JsonFiles {
  /**
   * How often a refused replacement is tried, with 10, 20, 40 and 80 ms between tries: ~150 ms in
   * all. On Windows a file cannot be replaced while another process has it open without sharing
   * delete access, as a {@code FileInputStream} opens it (our readers: a run reading the state
   * file for a few microseconds); the move is refused with an access error until it is closed.
   */
  static final int MOVE_ATTEMPTS = 5;

  private JsonFiles() {}

  /**
   * Writes {@code value} as indented JSON to a temporary file, then renames it over {@code file}:
   * owner-only, never through a link ({@link SafeFiles#writeTemporary}).
   */
  public static void writeAtomically(Path file, Object value) throws IOException {
    Path tmp = SafeFiles.writeTemporary(file, (Json.pretty(value) + "\n").getBytes(Json.UTF_8));
    replace(tmp, file, Files::move);
  }

  /** {@code Files.move}, or a stand-in that refuses as another system would. */
  interface Move {
    void move(Path from, Path to, CopyOption... options) throws IOException;
  }

  /**
   * Renames {@code tmp} over {@code file}: atomically where the file system can; else (no atomic
   * rename there) by replacing it; retried while the system refuses, for a reader that holds the
   * file open on Windows. When it gives up, {@code file} is as it was and {@code tmp} is deleted.
   */
  static void replace(Path tmp, Path file, Move move) throws IOException {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          move.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return;
        } catch (AtomicMoveNotSupportedException e) {
          move.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
          return;
        } catch (NoSuchFileException e) {
          throw e; // the directory or the temporary file is gone: trying again will not bring it back
        } catch (FileSystemException e) {
          if (attempt >= MOVE_ATTEMPTS) {
            throw e;
          }
          pause(10L << (attempt - 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while replacing a file", e);
    }
  }
}

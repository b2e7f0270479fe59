package dev.telemetrykit.picocli.internal.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the SDK's small JSON files so that a reader sees the old file or the new one, never half. */
public final class JsonFiles {
  private JsonFiles() {}

  /** Writes {@code value} as indented JSON to a temporary file, then renames it over {@code file}. */
  public static void writeAtomically(Path file, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Json.pretty(value) + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

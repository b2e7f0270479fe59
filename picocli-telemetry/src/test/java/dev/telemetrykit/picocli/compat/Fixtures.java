package dev.telemetrykit.picocli.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files the apps' argument vectors refer to ({@code @argfile}s), made once per JVM in a temporary
 * directory. Output that names the directory is normalised to {@value #PLACEHOLDER}, the same way for
 * the plain and the instrumented run.
 */
final class Fixtures {
  static final String PLACEHOLDER = "<fixtures>";
  private static Path dir;

  private Fixtures() {}

  static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("picocli-compat");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** Writes {@code lines} to a file named {@code name} and returns the {@code @path} argument. */
  static String argFile(String name, String... lines) {
    Path file = dir().resolve(name);
    try {
      Files.write(file, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "@" + file;
  }

  /** The {@code @path} argument of a file that does not exist. */
  static String missingArgFile(String name) {
    return "@" + dir().resolve(name);
  }

  static String normalise(String text) {
    return dir == null || text == null ? text : text.replace(dir.toString(), PLACEHOLDER);
  }

  static synchronized void delete() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
    dir = null;
  }
}

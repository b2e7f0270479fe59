package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Chooses where sqlite-jdbc extracts its native library when the JVM's temporary directory cannot
 * hold one: a {@code java.io.tmpdir} on a file system mounted {@code noexec} (a hardened /tmp, or a
 * wrapper pointing it there) makes loading fail, and sqlite-jdbc remembers the failure for the
 * rest of the JVM's life. Only processes that open the queue get here (the upload, {@code telemetry}
 * commands); an ordinary run never does.
 */
final class NativeLibraryDirectory {
  static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";
  private static final Path MOUNTS = Path.of("/proc/self/mountinfo");

  private NativeLibraryDirectory() {}

  /**
   * Points sqlite-jdbc at {@code <home>/native} when the temporary directory is on a {@code noexec}
   * mount and neither the author nor the user chose a place for the library.
   */
  static void chooseFor(Path home) {
    if (System.getProperty(SQLITE_TMPDIR) != null || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toRealPath();
      if (!Files.isReadable(MOUNTS) || !noexec(Files.readAllLines(MOUNTS), tmp)) {
        return;
      }
      Path directory = home.resolve("native");
      SafeFiles.createDirectory(directory); // owner-only: a library others could replace would run as the user
      System.setProperty(SQLITE_TMPDIR, directory.toString());
    } catch (IOException | RuntimeException e) {
      // Left to sqlite-jdbc: opening the queue then fails with its own error, which is reported.
    }
  }

  /** Whether {@code path} lies on a mount with the {@code noexec} option, per {@code mountinfo}. */
  static boolean noexec(List<String> mountinfo, Path path) {
    String best = null;
    boolean bestNoexec = false;
    for (String line : mountinfo) {
      String[] fields = line.split(" ");
      if (fields.length < 6) {
        continue;
      }
      String mountPoint = unescape(fields[4]);
      if (contains(mountPoint, path) && (best == null || mountPoint.length() >= best.length())) {
        best = mountPoint;
        bestNoexec = List.of(fields[5].split(",")).contains("noexec");
      }
    }
    return bestNoexec;
  }

  private static boolean contains(String mountPoint, Path path) {
    return mountPoint.equals("/") || path.startsWith(Path.of(mountPoint));
  }

  /** mountinfo writes space, tab, newline and backslash as three-digit octal escapes. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length()) {
        try {
          out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
          i += 3;
          continue;
        } catch (NumberFormatException notOctal) {
          // a plain backslash
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}

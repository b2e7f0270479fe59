package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems that {@code telemetry status} lists under {@code problems:}, found by looking at the
 * settings and the files, because a run that failed to record had nowhere to write that it failed.
 * Each check is a method that returns its line, or null when all is well; a new check is one more
 * method and one more line in {@link #of}. Local output only: the lines name paths and values.
 */
final class Problems {
  /** Below this much free space the next event may not fit. */
  private static final long LOW_DISK_BYTES = 1024 * 1024;

  private Problems() {}

  /** Every problem these checks find for {@code config}'s tool, in the order status lists them. */
  static List<String> of(TelemetryConfig config) {
    List<String> lines = new ArrayList<>();
    add(lines, endpoint(config));
    add(lines, dataDirectory(config.home()));
    add(lines, fullDisk(config.home()));
    return lines;
  }

  private static void add(List<String> lines, String line) {
    if (line != null) {
      lines.add(line);
    }
  }

  /** An endpoint that is not an absolute http(s) URL, and what that means for the user's events. */
  static String endpoint(TelemetryConfig config) {
    String problem = config.endpointProblem();
    if (problem == null) {
      return null;
    }
    return problem + (config.endpointFromEnvironment()
        ? "; events stay queued and nothing is sent until it is corrected or unset"
        : "; nothing is recorded or sent (a mistake in " + config.toolName() + ")");
  }

  /** {@link #dataDirectoryProblem} as status words it. */
  static String dataDirectory(Path home) {
    String problem = dataDirectoryProblem(home);
    return problem == null ? null : problem + "; events cannot be recorded";
  }

  /** A data directory on a disk too full for the next event. */
  static String fullDisk(Path home) {
    return Files.isDirectory(home) && Files.isWritable(home) && home.toFile().getUsableSpace() < LOW_DISK_BYTES
        ? "the disk holding " + home + " is full: events cannot be recorded" : null;
  }

  /**
   * Why nothing can be written in the data directory {@code home}, e.g. {@code data directory
   * /x/.telemetry-kit cannot be created: /x is a file, not a directory}; null when something can.
   * Creates nothing: it looks at the nearest part of the path that exists.
   */
  static String dataDirectoryProblem(Path home) {
    if (Files.isDirectory(home)) {
      return Files.isWritable(home) ? null : "data directory " + home + " is not writable: "
          + (readOnlyFileSystem(home) ? "it is on a read-only file system" : "permission denied");
    }
    if (Files.exists(home)) {
      return "data directory " + home + " is a file, not a directory";
    }
    Path existing = home.toAbsolutePath().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null; // nothing of the path exists, not even its root: let creating it say why
    }
    if (!Files.isDirectory(existing)) {
      return "data directory " + home + " cannot be created: " + existing + " is a file, not a directory";
    }
    return Files.isWritable(existing) ? null : "data directory " + home + " cannot be created: "
        + (readOnlyFileSystem(existing) ? existing + " is on a read-only file system" : "no permission to write in " + existing);
  }

  /** Whether {@code path} is on a file system mounted read-only; else permissions are the reason. */
  private static boolean readOnlyFileSystem(Path path) {
    try {
      return Files.getFileStore(path).isReadOnly();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

package dev.telemetrykit.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a file or directory unwritable for the CLI's processes, also when they run as root (which
 * ignores permission bits): {@code chattr +i} as root, else by removing write permission.
 */
final class ReadOnlyPath implements AutoCloseable {
  private final Path path;
  private final boolean immutable;

  private ReadOnlyPath(Path path, boolean immutable) {
    this.path = path;
    this.immutable = immutable;
  }

  static ReadOnlyPath of(Path path) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run("chattr", "+i", path.toString());
    } else if (!path.toFile().setWritable(false, false)) {
      throw new IOException("cannot make " + path + " read-only");
    }
    if (Files.isWritable(path)) {
      throw new IllegalStateException(path + " is still writable");
    }
    return new ReadOnlyPath(path, root);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (immutable) {
      run("chattr", "-i", path.toString());
    } else {
      path.toFile().setWritable(true, false);
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed");
    }
  }
}

package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a directory unwritable for this test's processes, also when they run as root (where
 * permission bits are ignored): with {@code chattr +i} as root, else by removing write permission.
 */
public final class ReadOnlyDirectory implements AutoCloseable {
  private final Path dir;
  private final boolean immutable;

  private ReadOnlyDirectory(Path dir, boolean immutable) {
    this.dir = dir;
    this.immutable = immutable;
  }

  public static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run("chattr", "+i", dir.toString());
    } else if (!dir.toFile().setWritable(false, false)) {
      throw new IOException("cannot make " + dir + " read-only");
    }
    if (Files.isWritable(dir)) {
      throw new IllegalStateException(dir + " is still writable");
    }
    return new ReadOnlyDirectory(dir, root);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (immutable) {
      run("chattr", "-i", dir.toString());
    } else {
      dir.toFile().setWritable(true, false);
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed");
    }
  }
}

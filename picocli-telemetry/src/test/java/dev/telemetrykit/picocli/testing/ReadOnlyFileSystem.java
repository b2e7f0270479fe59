package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real read-only file system: an empty tmpfs mounted read-only on a directory. Needs root (as CI
 * has); elsewhere the test is skipped with that reason.
 */
public final class ReadOnlyFileSystem implements AutoCloseable {
  private final Path mountPoint;

  private ReadOnlyFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts an empty read-only file system on {@code dir}. */
  public static ReadOnlyFileSystem mount(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir.toString()) == 0,
        "mounting a tmpfs needs root; the read-only file system test runs where it can");
    return new ReadOnlyFileSystem(dir);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", mountPoint.toString());
  }

  private static int run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}

package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real tmpfs mounted on a directory with the given options ({@code ro}, {@code noexec}, a small
 * {@code size}), for file-system faults no temp dir can stand in for. Needs root (as CI has);
 * elsewhere the test is skipped with that reason.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path mountPoint;

  private Tmpfs(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /**
   * Mounts an empty tmpfs on {@code dir}.
   *
   * @param test what needs it, for the message of a skipped test
   */
  public static Tmpfs mount(Path dir, String options, String test) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()) == 0,
        "mounting a tmpfs needs root; " + test + " runs where it can");
    return new Tmpfs(dir);
  }

  /** Fills the file system to the last byte. */
  public void fill() throws IOException, InterruptedException {
    run("dd", "if=/dev/zero", "of=" + mountPoint.resolve("filler"), "bs=1k");
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

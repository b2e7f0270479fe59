package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real full disk: a 256 KiB tmpfs mounted on a directory, then filled. Needs root (as CI has);
 * elsewhere the test is skipped with that reason.
 */
public final class FullDisk implements AutoCloseable {
  private final Path mountPoint;

  private FullDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts an empty small file system on {@code dir}. */
  public static FullDisk mount(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", dir.toString()) == 0,
        "mounting a tmpfs needs root; the full-disk test runs where it can");
    return new FullDisk(dir);
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

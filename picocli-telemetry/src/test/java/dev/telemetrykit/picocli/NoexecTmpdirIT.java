package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrapper pointing {@code java.io.tmpdir} at a {@code noexec} file system (a hardened /tmp): the
 * SQLite queue still opens, so {@code telemetry flush} sends. Needs root to mount a tmpfs.
 */
class NoexecTmpdirIT {
  @TempDir Path dir;
  Path noexec;
  FakeCollector collector;

  @BeforeEach
  void mount() throws Exception {
    noexec = Files.createDirectories(dir.resolve("noexec-tmp"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs", noexec.toString())
        .redirectErrorStream(true).start();
    String output = new String(mount.getInputStream().readAllBytes());
    assumeTrue(mount.waitFor() == 0, "cannot mount a noexec tmpfs here (needs root): " + output);
    collector = FakeCollector.start();
  }

  @AfterEach
  void unmount() throws Exception {
    if (collector != null) {
      collector.close();
      new ProcessBuilder("umount", noexec.toString()).start().waitFor();
    }
  }

  @Test
  void flushSendsWhenTheTemporaryDirectoryCannotHoldANativeLibrary() throws Exception {
    Path home = dir.resolve("home");
    JavaProcess shop = JavaProcess.of(ShopMain.class, dir)
        .jvmOption("-Djava.io.tmpdir=" + noexec)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    shop.run("telemetry", "enable");
    shop.run("status");

    JavaProcess.Result flush = shop.run("telemetry", "flush");

    assertThat(flush.err()).isEmpty();
    assertThat(flush.out()).isEqualTo("Sent 1 events in 1 batch to " + collector.endpoint() + ".\n");
    assertThat(flush.exitCode()).isZero();
    assertThat(collector.uniqueEvents()).isEqualTo(1);
  }
}

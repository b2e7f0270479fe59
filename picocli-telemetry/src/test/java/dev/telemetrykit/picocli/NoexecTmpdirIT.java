package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.Tmpfs;
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
  Tmpfs noexec;
  FakeCollector collector;

  @BeforeEach
  void mount() throws Exception {
    noexec = Tmpfs.mount(dir.resolve("noexec-tmp"), "noexec,size=64m", "the noexec temp directory test");
    collector = FakeCollector.start();
  }

  @AfterEach
  void unmount() throws Exception {
    if (collector != null) {
      collector.close();
    }
    if (noexec != null) {
      noexec.close();
    }
  }

  @Test
  void flushSendsWhenTheTemporaryDirectoryCannotHoldANativeLibrary() throws Exception {
    Path home = dir.resolve("home");
    JavaProcess shop = JavaProcess.of(ShopMain.class, dir)
        .jvmOption("-Djava.io.tmpdir=" + dir.resolve("noexec-tmp"))
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

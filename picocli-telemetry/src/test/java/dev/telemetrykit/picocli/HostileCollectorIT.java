package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.HostileCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry flush} in a real process against a collector that misbehaves on purpose. */
class HostileCollectorIT {
  @TempDir Path dir;

  JavaProcess shop(HostileCollector collector) {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void flushAgainstADrippingCollectorEndsAtTheRequestTimeoutAndKeepsTheEvents() throws Exception {
    try (HostileCollector collector = HostileCollector.drippingBody(1_000)) {
      shop(collector).run("telemetry", "enable");
      shop(collector).run("status");
      shop(collector).run("status");

      long start = System.nanoTime();
      JavaProcess.Result flush = shop(collector).run("telemetry", "flush");
      long millis = (System.nanoTime() - start) / 1_000_000;

      // The request timeout is 10 s; the dripped body would last 11 days.
      assertThat(millis).isLessThan(20_000L);
      assertThat(flush.exitCode()).isEqualTo(1);
      assertThat(flush.err()).contains("HttpTimeoutException").contains("The events stay queued.");
      assertThat(collector.awaitHangUp(3_000)).isTrue();
      assertThat(new DataDir(dir.resolve("home"), "shop-cli").importAndReadQueue()).hasSize(2);
    }
  }

  @Test
  void flushAgainstAnEndlessBodyNeedsLittleMemory() throws Exception {
    try (HostileCollector collector = HostileCollector.endlessBody()) {
      shop(collector).run("telemetry", "enable");
      shop(collector).run("status");

      JavaProcess.Result flush = shop(collector).jvmOption("-Xmx32m").run("telemetry", "flush");

      assertThat(flush.err()).isEmpty();
      assertThat(flush.out()).startsWith("Sent 1 events in 1 batch");
      assertThat(flush.exitCode()).isZero();
      assertThat(collector.awaitHangUp(3_000)).isTrue();
    }
  }
}

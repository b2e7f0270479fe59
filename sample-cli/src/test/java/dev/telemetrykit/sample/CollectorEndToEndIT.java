package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product: sample-cli, granted, uploads to collector-lite, and the analytics API shows
 * each command with the right count.
 */
class CollectorEndToEndIT {
  @TempDir Path dir;

  @Test
  void commandsRunBySampleCliAppearInTheAnalyticsApiWithTheirCounts() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir)) {
      SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", collector.url());
      assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
      for (int i = 0; i < 3; i++) {
        assertThat(cli.runWithoutTerminal("build", "--target", "prod").exitCode()).isZero();
      }
      assertThat(cli.runWithoutTerminal("deploy", "--region", "eu-west-1", "--dry-run").exitCode()).isZero();
      assertThat(cli.runWithoutTerminal("doctor").exitCode()).isEqualTo(1);

      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.text()).startsWith("Sent 5 events in 1 batch to " + collector.url());
      String commands = collector.get("/api/services/sample-cli/commands");
      assertThat(commands)
          .contains("\"command\":\"build\",\"count\":3,\"success_rate\":1.0")
          .contains("\"command\":\"deploy\",\"count\":1")
          .contains("\"command\":\"doctor\",\"count\":1,\"success_rate\":0.0");
    }
  }

  @Test
  void backgroundUploadOfAShortCommandReachesTheCollector() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir)) {
      SampleCliJar cli = SampleCliJar.in(dir)
          .env("TELEMETRY_KIT_ENDPOINT", collector.url())
          .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
      cli.runWithoutTerminal("telemetry", "enable");
      cli.runWithoutTerminal("remote", "list");

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(collector.get("/api/services/sample-cli/commands")).contains("\"command\":\"remote list\",\"count\":1"));

      // The due run also sent the command tree: commands no one ran are listed with zero runs.
      String inventory = collector.get("/api/services/sample-cli/inventory");
      assertThat(inventory)
          .contains("{\"command\":\"remote list\",\"runs\":1")
          .contains("{\"command\":\"doctor\",\"runs\":0")
          .contains("{\"command\":\"config set\",\"runs\":0")
          .contains("{\"option\":\"--region\",\"runs\":0}");
    }
  }
}

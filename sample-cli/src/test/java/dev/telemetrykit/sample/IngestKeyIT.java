package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that requires an ingest key for sample-cli accepts its events with the key of its
 * {@code @TelemetryEnabled(ingestKey)}, and refuses them with another one, which keeps them queued.
 */
class IngestKeyIT {
  @TempDir Path dir;

  @Test
  void theToolsIngestKeyLetsItsEventsIn() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir, 0, "--ingest-key", "sample-cli=sample-cli-demo-key")) {
      SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", collector.url());
      cli.runWithoutTerminal("telemetry", "enable");
      cli.runWithoutTerminal("build", "--target", "prod");

      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.text()).startsWith("Sent 1 event");
      assertThat(collector.get("/api/services/sample-cli/commands")).contains("\"command\":\"build\",\"count\":1");
    }
  }

  @Test
  void aCollectorExpectingAnotherKeyRefusesTheEventsAndTheyStayQueued() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir, 0, "--ingest-key", "sample-cli=another-key-of-16-chars")) {
      SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", collector.url());
      cli.runWithoutTerminal("telemetry", "enable");
      cli.runWithoutTerminal("build", "--target", "prod");

      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.exitCode()).isEqualTo(1);
      assertThat(flush.text()).contains("Nothing was sent").contains("401");
      assertThat(cli.runWithoutTerminal("telemetry", "status").text()).containsPattern("queued:\\s+1 event");
      assertThat(collector.get("/api/services")).doesNotContain("sample-cli");
    }
  }
}

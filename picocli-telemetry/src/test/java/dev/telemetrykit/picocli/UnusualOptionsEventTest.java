package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.event.EventRules;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A command whose options go beyond what one event may carry is still recorded, with less detail:
 * an event the protocol refuses would be dropped before sending, and the run lost.
 */
class UnusualOptionsEventTest {
  enum Level { LOW, HIGH }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:1")
  @Command(name = "odd-cli")
  static class OddCli implements Runnable {
    @TelemetrySafe @Option(names = "--label") String label;
    @TelemetrySafe @Option(names = "--größe") String size;
    @Option(names = "--level") List<Level> levels;

    @Override
    public void run() {}
  }

  @TempDir Path dir;

  @Test
  void valuesBeyondTheProtocolsLimitsAreCutNotRefused() {
    AppRun app = AppRun.of(() -> new CommandLine(new OddCli()), dir);
    app.run("telemetry", "enable");
    List<String> args = new ArrayList<>(List.of("--label", "a".repeat(99) + "\uD83D\uDE00tail", "--größe", "XL"));
    for (int i = 0; i < 70; i++) {
      args.add("--level");
      args.add(i % 2 == 0 ? "LOW" : "HIGH");
    }

    app.run(args.toArray(String[]::new));

    List<Map<String, Object>> events = new DataDir(dir, "odd-cli").journalEvents();
    assertThat(events).hasSize(1);
    assertThat(EventRules.problem(events.get(0))).isNull();
    Map<String, Object> metadata = DataDir.metadata(events.get(0));
    assertThat(metadata.get("options")).isEqualTo(List.of("--label", "--größe", "--level"));
    @SuppressWarnings("unchecked")
    Map<String, Object> values = (Map<String, Object>) metadata.get("option_values");
    assertThat(values).containsOnlyKeys("--label", "--level");
    assertThat(values.get("--label")).isEqualTo("a".repeat(99));
    assertThat((List<?>) values.get("--level")).hasSize(64);
  }
}

package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static dev.telemetrykit.sample.ConsentBoxText.NOTHING_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box of the sample CLI says what this tool keeps: the values of {@code build --target} (an
 * enum) and {@code deploy --region} (marked safe), whichever command asks, and that events of the
 * tool's own may come on top of what {@code ?} shows.
 */
class ConsentBoxWordsIT {
  @TempDir
  Path dir;

  @Test
  void boxNamesTheKeptOptionValuesAndTheDataPreviewSaysWhatMayBeAdded() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(80, 60, "config", "get", "editor")) {
      String box = terminal.awaitText(KEYS);
      assertThat(box).containsSubsequence("Collected:", "the values you give for --target, --region",
          "features and library methods used, and custom events", "Never collected:",
          "argument values, or the values of any other option");
      assertThat(box).doesNotContain("--token", "values you typed for options");

      terminal.type("?");

      terminal.awaitScreen(screen -> assertThat(screen).containsSubsequence(
          KEYS, "\"command\": \"config get\"", "While the command runs, the tool may add events of its own", KEYS));
      terminal.type("n");
      // The setting is not there (exit code 3); what matters is that the answer came first.
      assertThat(terminal.awaitExitCode()).isEqualTo(3);
      assertThat(terminal.screen()).containsSubsequence(NOTHING_SENT, "Setting editor is not set.");
    }
  }
}

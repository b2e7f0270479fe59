package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static dev.telemetrykit.sample.ConsentBoxText.THANKS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool without {@code privacyUrl} (the annotation's default) still asks: the box is drawn
 * without its "Learn more" line, and a yes is kept.
 */
class NoPrivacyUrlConsentIT {
  @TempDir
  Path dir;

  @Test
  void boxIsDrawnWithoutLearnMoreAndYesRecordsConsent() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.in(dir);
    try (TmuxTerminal terminal = jvm.testApp(80, 50, PlainCli.class, "greet", "--name", "Ada")) {
      String box = terminal.awaitText(KEYS);
      assertThat(box).contains("Help us improve plain-cli", "Nothing is sent unless you say yes",
          "plain-cli telemetry disable");
      assertThat(box).doesNotContain("Learn more", "Hello, Ada.");
      // Nothing of this tool keeps an option's value, and the box says so instead of naming any.
      assertThat(box).contains("argument values or option values").doesNotContain("the values you give for");

      terminal.type("y");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).containsSubsequence("Help us improve plain-cli", KEYS, THANKS, "Hello, Ada.");
    }
    assertThat(Files.readString(jvm.stateFile("plain-cli"))).containsPattern("\"state\"\\s*:\\s*\"granted\"");
  }
}

package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static dev.telemetrykit.sample.ConsentBoxText.NOTHING_SENT;
import static dev.telemetrykit.sample.ConsentBoxText.THANKS;
import static dev.telemetrykit.sample.ConsentBoxText.TITLE;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first interactive run: the box comes before the command, and the answer is kept. */
class FirstRunConsentIT {
  @TempDir
  Path dir;

  @Test
  void boxHoldsTheCommandBackAndYesRecordsTheRunThatAsked() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(80, 50, "build", "--target", "prod")) {
      assertThat(terminal.awaitText(KEYS)).contains(TITLE);
      // Half a second is plenty for a command that takes a millisecond: it must wait for the answer.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
          .untilAsserted(() -> assertThat(terminal.screen()).doesNotContain("Built project"));

      terminal.type("y");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).containsSubsequence(TITLE, KEYS, THANKS, "Built project for prod.");
      assertThat(terminal.linesBeforeExitCode()).last().isEqualTo("Built project for prod.");
    }
    assertThat(cli.home().consentState()).contains("granted");
    assertThat(cli.home().journalEvents()).singleElement(as(STRING))
        .containsPattern(TelemetryHome.jsonString("command", "build"));
  }

  @Test
  void showMeTheDataPrintsThePayloadAndAsksAgainThenNoIsKeptForGood() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(80, 50, "build")) {
      terminal.awaitText(KEYS);

      terminal.type("?");

      terminal.awaitScreen(screen -> assertThat(screen)
          .containsSubsequence(KEYS, "\"command_executed\"", "\"command\": \"build\"", KEYS));
      assertThat(terminal.screen()).doesNotContain("Built project");

      terminal.type("n");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).containsSubsequence(NOTHING_SENT, "Built project for dev.");
    }
    assertThat(cli.home().consentState()).contains("denied");
    assertThat(cli.home().journalEvents()).isEmpty();

    try (TmuxTerminal secondRun = cli.inTerminal(80, 50, "build")) {
      assertThat(secondRun.awaitExitCode()).isZero();
      assertThat(secondRun.linesBeforeExitCode()).containsExactly("Built project for dev.");
    }
    assertThat(cli.home().journalEvents()).isEmpty();
  }
}

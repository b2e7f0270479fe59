package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.ASKED_AGAIN;
import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C, EOF or silence at the box: nothing is decided, and the command runs as if there were no box. */
class UnansweredConsentIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C-c", "C-d"}) // Ctrl-C, and Ctrl-D: end of input
  void leavesItUndecidedRunsTheCommandAndTheBoxComesBackNextTime(String key) throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(80, 50, "build")) {
      terminal.awaitText(KEYS);

      terminal.press(key);

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).containsSubsequence(KEYS, ASKED_AGAIN, "Built project for dev.");
    }
    assertThat(cli.home().stateFile()).doesNotExist();
    assertThat(cli.home().journalEvents()).isEmpty();

    try (TmuxTerminal nextRun = cli.inTerminal(80, 50, "build")) {
      nextRun.awaitText(KEYS);
      assertThat(nextRun.screen()).doesNotContain("Built project");
    }
  }

  @Test
  void ctrlCKeepsTheExitCodeOfAFailingCommand() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    try (TmuxTerminal terminal = cli.inTerminal(80, 50, "doctor")) {
      terminal.awaitText(KEYS);

      terminal.press("C-c");

      assertThat(terminal.awaitExitCode()).isEqualTo(1);
      assertThat(terminal.screen()).containsSubsequence(ASKED_AGAIN, "toolchain not found in /opt/toolchain");
    }
    assertThat(cli.home().stateFile()).doesNotExist();
    assertThat(cli.home().journalEvents()).isEmpty();
  }

  @Test
  void noAnswerWithinTheTimeoutLeavesItUndecidedAndRunsTheCommand() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_PROMPT_TIMEOUT", "2");
    try (TmuxTerminal terminal = cli.inTerminal(80, 50, "build")) {
      terminal.awaitText(KEYS);

      // The 2 s started before the key line was visible to us; at least 1 s still proves the box
      // waited instead of giving up at once, with room for a slow machine's polling lag.
      await().atLeast(Duration.ofSeconds(1)).atMost(TmuxTerminal.PATIENCE).pollInterval(Duration.ofMillis(50))
          .untilAsserted(() -> assertThat(terminal.screen()).contains(ASKED_AGAIN));

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).containsSubsequence(ASKED_AGAIN, "Built project for dev.");
    }
    assertThat(cli.home().stateFile()).doesNotExist();
    assertThat(cli.home().journalEvents()).isEmpty();
  }
}

package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static dev.telemetrykit.sample.ConsentBoxText.THANKS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The box reads single keys in raw mode; the user's terminal must be back to normal (line editing,
 * echo) by the time the command runs, and stay so after it.
 */
class TerminalRestoredIT {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "after {0}")
  @ValueSource(strings = {"y", "n", "C-c"})
  void theShellGetsItsTerminalBackAsItWas(String key) throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    String script = "stty -g > tty-before; " + cli.command("build") + "; stty -g > tty-after; stty -a; echo STTY-DONE";
    try (TmuxTerminal terminal = TmuxTerminal.start(100, 50, dir, script)) {
      terminal.awaitText(KEYS);

      terminal.press(key);

      assertThat(terminal.awaitExitCode()).isZero();
      terminal.awaitText("STTY-DONE");
      List<String> lines = terminal.lines();
      String shown = String.join("\n", lines.subList(lines.indexOf("EXIT=0") + 1, lines.size()));
      assertThat(settings(shown)).as(shown).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
    }
    assertThat(Files.readString(dir.resolve("tty-after"))).isEqualTo(Files.readString(dir.resolve("tty-before")));
  }

  @Test
  void theCommandRunsWithTheTerminalAsItWas() throws Exception {
    // A command may read a line or a password; it needs line editing and echo back, not only the
    // shell after it. deploy sleeps 1.5 s between its two lines: the window to look from outside.
    SampleCliJar cli = SampleCliJar.in(dir);
    String script = "stty -g > tty-before; " + cli.command("deploy", "--region", "eu-west-1");
    try (TmuxTerminal terminal = TmuxTerminal.start(100, 50, dir, script)) {
      terminal.awaitText(KEYS);
      terminal.press("y");
      terminal.awaitText(THANKS);
      terminal.awaitText("Deploying to eu-west-1...");

      String duringTheCommand = terminal.ttySettings("-a");
      String allDuringTheCommand = terminal.ttySettings("-g");

      assertThat(terminal.screen()).as("still deploying").doesNotContain("Deployed 3 services");
      assertThat(settings(duringTheCommand)).as(duringTheCommand).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
      assertThat(allDuringTheCommand).isEqualTo(Files.readString(dir.resolve("tty-before")));
      assertThat(terminal.awaitExitCode()).isZero();
    }
  }

  /** The words of {@code stty -a} output: settings such as {@code icanon}, or {@code -icanon} when off. */
  private static List<String> settings(String sttyOutput) {
    return Arrays.asList(sttyOutput.split("[\\s;]+"));
  }
}

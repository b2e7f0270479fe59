package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.sample.SampleCliJar.Output;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the box must never appear, even on a first run: the user sees exactly what the command
 * itself prints (the same command with {@code DO_NOT_TRACK=1} and no terminal is the reference),
 * and no consent is stored.
 */
class NoConsentBoxIT {
  @TempDir
  Path dir;

  @Test
  void notWhenStdinIsPiped() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    assertTerminalShowsOnly(reference("build"), cli, "echo | " + cli.command("build"));
  }

  @Test
  void notWhenStdoutIsPiped() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    assertTerminalShowsOnly(reference("build"), cli, "{ " + cli.command("build") + "; } | cat");
  }

  @Test
  void notWhenStderrIsRedirected() throws Exception {
    // The box is drawn on stderr: with stderr in a file nobody would see it, so it must not wait.
    SampleCliJar cli = SampleCliJar.in(dir);
    assertTerminalShowsOnly(reference("build"), cli, "{ " + cli.command("build") + "; } 2>/dev/null");
  }

  @Test
  void notWithoutAnyTerminal() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    Output output = cli.runWithoutTerminal("build");
    assertThat(output).isEqualTo(reference("build"));
    assertThat(cli.home().stateFile()).doesNotExist();
  }

  @Test
  void notOnACiMachine() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir).env("CI", "true");
    assertTerminalShowsOnly(reference("build"), cli, cli.command("build"));
  }

  @Test
  void notWithDoNotTrackAndNothingIsWrittenAtAll() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir).env("DO_NOT_TRACK", "1");
    assertTerminalShowsOnly(reference("build"), cli, cli.command("build"));
    assertThat(cli.home().dir()).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version"})
  void notForHelpOrVersion(String option) throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    assertTerminalShowsOnly(reference(option), cli, cli.command(option));
  }

  @Test
  void notForTheTelemetryCommand() throws Exception {
    SampleCliJar cli = SampleCliJar.in(dir);
    // `telemetry status` reports which setting decided, so DO_NOT_TRACK would change its output:
    // the reference is the same environment without a terminal.
    Output reference = SampleCliJar.in(dir).runWithoutTerminal("telemetry", "status");
    assertThat(reference.text()).contains("not decided");
    assertTerminalShowsOnly(reference, cli, cli.command("telemetry", "status"));
  }

  /** The command's own output: no terminal, and every kind of telemetry switched off. */
  private Output reference(String... args) throws Exception {
    return SampleCliJar.in(dir).env("DO_NOT_TRACK", "1").runWithoutTerminal(args);
  }

  private static void assertTerminalShowsOnly(Output expected, SampleCliJar cli, String script) throws Exception {
    assertThat(expected.lines()).as("the reference run printed something").isNotEmpty();
    try (TmuxTerminal terminal = TmuxTerminal.start(120, 50, cli.dir(), script)) {
      assertThat(terminal.awaitExitCode()).isEqualTo(expected.exitCode());
      assertThat(terminal.linesBeforeExitCode()).isEqualTo(expected.lines());
    }
    assertThat(cli.home().stateFile()).doesNotExist();
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code telemetry} management command is invisible to every argument vector the app itself
 * accepts, whether telemetry knows the arguments ({@code Telemetry.execute}) or not ({@code
 * Telemetry.install}), and runs for one that starts with its name and that the app rejects.
 */
class ManagementCommandTest {
  @TempDir Path dir;

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "app", mixinStandardHelpOptions = true)
  static class Single implements Runnable {
    @Option(names = "-x") int x;

    @Override
    public void run() {
      System.out.print("");
    }
  }

  /** Neither Runnable nor Callable: Picocli's run of it fails with an ExecutionException, exit 1. */
  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "opts")
  static class OptionsOnly {
    @Option(names = "-v") boolean verbose;

    @Override
    public String toString() {
      return "OptionsOnly"; // Picocli's error names the object: the same text in both runs
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "files")
  static class Files implements Callable<Integer> {
    @Parameters String file;
    @Option(names = "--name") String name;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("file=" + file + " name=" + name);
      return 0;
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "runner", subcommands = {Test.class})
  static class Runner implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "test")
  static class Test implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("testing");
      return 0;
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9", command = "usage-data")
  @Command(name = "renamed")
  static class Renamed implements Runnable {
    @Override
    public void run() {}
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9", command = "")
  @Command(name = "without")
  static class Without implements Runnable {
    @Override
    public void run() {}
  }

  AppRun app(Supplier<CommandLine> commandLine, String mode, String state) {
    AppRun run = AppRun.of(commandLine, dir.resolve("home"));
    if (mode.equals("install")) {
      run.argsUnknown();
    }
    if (state.equals("opted-out")) {
      run.env("DO_NOT_TRACK", "1");
    } else if (state.equals("granted")) {
      AppRun.of(commandLine, dir.resolve("home")).run("telemetry", "enable");
    }
    return run;
  }

  void assertSameAsWithoutTelemetry(AppRun app, String... args) {
    AppRun.Result[] results = app.withoutAndWith(args);
    assertThat(results[1]).as(String.join(" ", args)).isEqualTo(results[0]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute/granted", "execute/opted-out", "install/granted", "install/opted-out", "install/undecided"})
  void usageHelpOfACommandWithoutSubcommandsHasNoCommandLabel(String modeAndState) {
    String[] m = modeAndState.split("/");
    AppRun app = app(() -> new CommandLine(new Single()), m[0], m[1]);

    assertThat(app.run("--help").out()).startsWith("Usage: app [-hV] [-x=<x>]\n");
    assertThat(app.run("-y").err()).contains("Usage: app [-hV] [-x=<x>]\n");
    assertSameAsWithoutTelemetry(app, "--help");
    assertSameAsWithoutTelemetry(app, "-y");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute/granted", "install/granted", "install/opted-out"})
  void aCommandThatIsNeitherRunnableNorCallableStillFailsAsWithoutTelemetry(String modeAndState) {
    String[] m = modeAndState.split("/");
    AppRun app = app(() -> new CommandLine(new OptionsOnly()), m[0], m[1]);

    AppRun.Result r = app.run("-v");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Missing required subcommand");
    assertSameAsWithoutTelemetry(app, "-v");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute/granted", "install/granted", "install/opted-out"})
  void theWordTelemetryAsAPositionalOrAnOptionValueIsTheAppsValue(String modeAndState) {
    String[] m = modeAndState.split("/");
    AppRun app = app(() -> new CommandLine(new Files()), m[0], m[1]);

    assertThat(app.run("telemetry").out()).isEqualTo("file=telemetry name=null\n");
    assertThat(app.run("a.txt", "--name", "telemetry").out()).isEqualTo("file=a.txt name=telemetry\n");
    assertSameAsWithoutTelemetry(app, "telemetry");
    assertSameAsWithoutTelemetry(app, "a.txt", "--name", "telemetry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute/granted", "install/granted", "install/opted-out"})
  void anAbbreviationOfTheAppsOwnSubcommandIsNotMadeAmbiguous(String modeAndState) {
    String[] m = modeAndState.split("/");
    Supplier<CommandLine> runner = () -> new CommandLine(new Runner()).setAbbreviatedSubcommandsAllowed(true);
    AppRun app = app(runner, m[0], m[1]);

    AppRun.Result r = app.run("te");
    assertThat(r.out()).isEqualTo("testing\n");
    assertThat(r.exitCode()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute/undecided", "execute/opted-out", "install/undecided", "install/opted-out", "install/granted"})
  void theManagementCommandRunsWhenTheFirstArgumentNamesIt(String modeAndState) {
    String[] m = modeAndState.split("/");
    AppRun app = app(() -> new CommandLine(new Single()), m[0], m[1]);

    AppRun.Result r = app.run("telemetry", "status");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Telemetry for app: ");
    assertThat(new DataDir(dir.resolve("home"), "app").journalEvents()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void aRenamedManagementCommandAnswersToItsNameOnly(String mode) {
    AppRun app = app(() -> new CommandLine(new Renamed()), mode, "undecided");

    assertThat(app.run("usage-data", "status").out()).startsWith("Telemetry for renamed: ");
    assertSameAsWithoutTelemetry(app, "telemetry", "status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void anAppCanOfferNoManagementCommand(String mode) {
    AppRun app = app(() -> new CommandLine(new Without()), mode, "undecided");

    assertThat(app.run("telemetry", "status").exitCode()).isEqualTo(2);
    assertSameAsWithoutTelemetry(app, "telemetry", "status");
  }
}

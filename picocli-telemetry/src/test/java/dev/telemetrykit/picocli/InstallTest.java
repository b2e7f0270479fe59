package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** How telemetry goes into an author's command line, and what an author sees when it cannot. */
class InstallTest {
  @TempDir Path dir;

  @Command(name = "plain-cli")
  static class Unannotated implements Runnable {
    @Override
    public void run() {}
  }

  AppRun unannotatedApp() {
    return AppRun.of(() -> new CommandLine(new Unannotated()), dir.resolve("home"));
  }

  AppRun granted(AppRun app) {
    assertThat(app.run("telemetry", "enable").exitCode()).isZero();
    return app;
  }

  @Test
  void anAppWithoutTheAnnotationIsToldWhatToAdd() {
    assertThatThrownBy(() -> unannotatedApp().run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Telemetry needs @TelemetryEnabled on the top-level command class")
        .hasMessageContaining(Unannotated.class.getName())
        .hasMessageContaining("@TelemetryEnabled(endpoint = \"https://telemetry.example.com\")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void anOptOutForEveryToolEndsTheRunBeforeTheAnnotationIsRead(String mode) {
    AppRun app = unannotatedApp().env("DO_NOT_TRACK", "1");
    if (mode.equals("install")) {
      app.argsUnknown();
    }
    AppRun.Result r = app.run();

    assertThat(r.exitCode()).isZero();
  }

  @Test
  void theToolsOwnOptOutNeedsTheToolsNameSoTheAnnotationIsRead() {
    assertThatThrownBy(() -> unannotatedApp().env("PLAIN_CLI_TELEMETRY_DISABLED", "1").run())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void outsideStrictModeAnAppWithoutTheAnnotationRunsAsWithoutTelemetry(String mode) {
    AppRun app = unannotatedApp().env("TELEMETRY_KIT_STRICT", "0");
    if (mode.equals("install")) {
      app.argsUnknown();
    }
    for (String[] args : new String[][] {{}, {"--bogus"}}) {
      AppRun.Result[] r = app.withoutAndWith(args);
      assertThat(r[1]).isEqualTo(r[0]);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "counted")
  static class Counted implements Runnable {
    static final AtomicInteger INSTANCES = new AtomicInteger();

    Counted() {
      INSTANCES.incrementAndGet();
    }

    @Override
    public void run() {}
  }

  @Test
  void installingDoesNotInstantiateAClassBasedCommand() {
    AppRun app = granted(AppRun.of(() -> new CommandLine(Counted.class), dir.resolve("home")).argsUnknown());
    CommandLine cl = new CommandLine(Counted.class);
    Counted.INSTANCES.set(0);

    app.install(cl);

    assertThat(Counted.INSTANCES).hasValue(0);
    assertThat(cl.execute()).isZero();
    assertThat(Counted.INSTANCES).hasValue(1);
    assertThat(new DataDir(dir.resolve("home"), "counted").journalEvents()).hasSize(1);
  }

  @Test
  void installingTwiceRecordsOneEventPerRun() {
    Path home = dir.resolve("home");
    AppRun app = granted(AppRun.of(() -> new CommandLine(Counted.class), home).argsUnknown());
    CommandLine cl = new CommandLine(Counted.class);

    app.install(cl);
    app.install(cl);
    cl.execute();

    assertThat(new DataDir(home, "counted").journalEvents()).hasSize(1);
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9", showInHelp = true)
  @Command(name = "listed")
  static class Listed implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void installingTwiceAnAppThatListsTheManagementCommandRecordsOneEventPerRun() {
    Path home = dir.resolve("home");
    AppRun app = granted(AppRun.of(() -> new CommandLine(new Listed()), home).argsUnknown());
    CommandLine cl = new CommandLine(new Listed());

    app.install(cl);
    app.install(cl);
    cl.execute();

    assertThat(cl.getSubcommands()).containsOnlyKeys("telemetry");
    assertThat(new DataDir(home, "listed").journalEvents()).hasSize(1);
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "iface", mixinStandardHelpOptions = true)
  interface InterfaceCommand {
    @Option(names = "--level") int level();
  }

  @Test
  void aCommandDeclaredAsAnInterfaceIsRecorded() {
    Path home = dir.resolve("home");
    AppRun app = granted(AppRun.of(() -> new CommandLine(InterfaceCommand.class), home));

    AppRun.Result[] r = app.withoutAndWith("--level", "3");

    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(new DataDir(home, "iface").journalEvents()).hasSize(1);
  }

  @TelemetryEnabled(name = "prog", endpoint = "http://127.0.0.1:9")
  static final class ProgrammaticSettings {}

  static CommandLine programmatic() {
    CommandSpec spec = CommandSpec.create().name("prog");
    spec.addOption(OptionSpec.builder("--count").type(int.class).build());
    CommandLine cl = new CommandLine(spec);
    cl.setExecutionStrategy(pr -> {
      pr.commandSpec().commandLine().getOut().println("count=" + pr.matchedOptionValue("--count", 0));
      return 0;
    });
    return cl;
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void aProgrammaticCommandSpecIsRecordedWithSettingsFromAClassOfTheAuthors(String mode) {
    Path home = dir.resolve("home");
    AppRun app = AppRun.of(InstallTest::programmatic, home).settings(ProgrammaticSettings.class);
    if (mode.equals("install")) {
      app.argsUnknown();
    }
    granted(app);

    AppRun.Result[] r = app.withoutAndWith("--count", "4");

    assertThat(r[1].out()).isEqualTo("count=4\n");
    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(new DataDir(home, "prog").journalEvents()).hasSize(1);
    assertThat(DataDir.metadata(new DataDir(home, "prog").journalEvents().get(0))).containsEntry("command", "prog");
  }

  @ParameterizedTest
  @ValueSource(strings = {"execute", "install"})
  void aRunLastStrategyWithItsOwnStreamsPrintsThereWhenGranted(String mode) {
    Path home = dir.resolve("home");
    AppRun app = granted(AppRun.of(() -> new CommandLine(new WithHelp()), home));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CommandLine cl = new CommandLine(new WithHelp());
    cl.setExecutionStrategy(new CommandLine.RunLast()
        .useOut(new PrintStream(out, true, StandardCharsets.UTF_8))
        .useAnsi(CommandLine.Help.Ansi.OFF));

    if (mode.equals("install")) {
      app.argsUnknown();
    }
    app.install(cl, "--help");
    int exitCode = cl.execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: counted [-hV]");
    assertThat(new DataDir(home, "counted").journalEvents()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 42})
  void aRuntimeExceptionEscapingTheStrategyIsRecordedWithTheExitCodePicocliMapsItTo(int mapped) {
    Path home = dir.resolve("home");
    AppRun app = granted(AppRun.of(() -> new CommandLine(new WithHelp()), home).customize(cl -> {
      cl.setExecutionStrategy(pr -> {
        throw new IllegalStateException("strategy failed");
      });
      if (mapped != 0) {
        cl.setExitCodeExceptionMapper(e -> mapped);
      }
    }));

    AppRun.Result[] r = app.withoutAndWith();

    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(r[1].exitCode()).isEqualTo(mapped == 0 ? 1 : mapped);
    java.util.Map<String, Object> event = DataDir.metadata(new DataDir(home, "counted").journalEvents().get(0));
    assertThat(event).containsEntry("exit_code", (long) r[0].exitCode())
        .containsEntry("error", IllegalStateException.class.getName());
  }

  @TelemetryEnabled(name = "counted", endpoint = "http://127.0.0.1:9")
  @Command(name = "counted", mixinStandardHelpOptions = true)
  static class WithHelp implements Runnable {
    @Override
    public void run() {}
  }
}

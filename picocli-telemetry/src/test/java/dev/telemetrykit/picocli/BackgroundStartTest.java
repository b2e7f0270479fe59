package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.Instrumentation;
import dev.telemetrykit.picocli.internal.run.RunPlan;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code Telemetry.execute} decides what a run does on a short-lived thread while Picocli builds
 * its model: the run must come out the same, and a decision that never comes must not hold it up.
 */
class BackgroundStartTest {
  @TempDir Path dir;
  DataDir data;

  @BeforeEach
  void setUp() {
    data = new DataDir(dir, "shop-cli");
  }

  HostEnvironment host(String... env) {
    Map<String, String> vars = new java.util.HashMap<>();
    vars.put("TELEMETRY_KIT_HOME", dir.toString());
    vars.put("TELEMETRY_KIT_POLICY_FILE", dir.resolveSibling("no-policy.json").toString());
    for (int i = 0; i < env.length; i += 2) {
      vars.put(env[i], env[i + 1]);
    }
    return new HostEnvironment(vars, dir.resolveSibling("user-home"), new Properties(),
        new PrintStream(OutputStream.nullOutputStream()), false, TimeSource.SYSTEM, null);
  }

  @Test
  void aPlanIsStartedOnlyWhenTheAppsClassNamesTheToolAndNoOptOutApplies() {
    assertThat(Instrumentation.planEarly(new ShopCli(), new String[] {"status"}, host())).isNotNull();

    assertThat(Instrumentation.planEarly(new ShopCli(), new String[] {"status"}, host("DO_NOT_TRACK", "1")))
        .as("opted out: nothing started").isNull();
    assertThat(Instrumentation.planEarly(new ShopCli(), new String[] {"status"}, host("SHOP_CLI_TELEMETRY_DISABLED", "1")))
        .as("the tool's own opt-out").isNull();
    assertThat(Instrumentation.planEarly(new ShopCli(), new String[] {"telemetry", "status"}, host()))
        .as("a telemetry command needs the subcommand added first").isNull();
    assertThat(Instrumentation.planEarly(new Unnamed(), new String[0], host()))
        .as("Picocli names the tool").isNull();
    assertThat(Instrumentation.planEarly(ShopCli.class, new String[] {"status"}, host()))
        .as("a class, not an instance").isNull();
  }

  @Test
  void theRunIsRecordedWithTheVersionPicocliReadsAfterTheStart() {
    AppRun app = AppRun.of(ShopCli::commandLine, dir);
    app.run("telemetry", "enable");

    AppRun.Result result = app.run("status");

    assertThat(result.out()).isEqualTo("all systems ok\n");
    assertThat(data.journalEvents()).hasSize(1);
    assertThat(DataDir.metadata(data.journalEvents().get(0)))
        .containsEntry("command", "status")
        .containsEntry("version", "2.5.1"); // from @Command(version), attached after the plan started
  }

  @Test
  void aCustomEventRecordedWhilePicocliParsesWaitsForThePlan() {
    AppRun app = AppRun.of(() -> new CommandLine(new Tracker()), dir);
    app.run("telemetry", "enable");

    app.run("--feature", "export");

    DataDir tracker = new DataDir(dir, "tracker");
    assertThat(tracker.journalEvents()).extracting(e -> e.get("event_type"))
        .containsExactlyInAnyOrder("feature_used", "command_executed");
  }

  @Test
  void aPlanThatIsNotDecidedInTimeIsGivenUpAndTheCommandRunsAsIfUninstalled() throws Exception {
    AppRun app = AppRun.of(ShopCli::commandLine, dir);
    app.run("telemetry", "enable");
    // Reading the state file blocks until someone writes to the pipe: a stalled disk, for ever.
    java.nio.file.Files.delete(data.stateFile());
    Process mkfifo = new ProcessBuilder("mkfifo", data.stateFile().toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    long start = System.nanoTime();
    AppRun.Result result = app.run("status");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result).isEqualTo(new AppRun.Result("all systems ok\n", "", 0));
    assertThat(millis).as("waited at most the bound, %d ms", RunPlan.WAIT_MILLIS)
        .isGreaterThanOrEqualTo(RunPlan.WAIT_MILLIS).isLessThan(RunPlan.WAIT_MILLIS + 2_000);
    assertThat(data.journalEvents()).isEmpty();
    new FileOutputStream(data.stateFile().toFile()).close(); // the stuck reader gets its end of file

  }

  @Command(name = "<main class>")
  @TelemetryEnabled(endpoint = "http://127.0.0.1:1")
  static class Unnamed implements Runnable {
    @Override
    public void run() {}
  }

  /** Records a custom event from an option setter, that is, while Picocli parses. */
  @TelemetryEnabled(endpoint = "http://127.0.0.1:1")
  @Command(name = "tracker")
  static class Tracker implements Runnable {
    @Option(names = "--feature")
    void feature(String name) {
      Telemetry.trackFeature(name);
    }

    @Override
    public void run() {}
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.ModularApp;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that is a named module ({@link ModularApp}: {@code requires dev.telemetrykit.picocli}),
 * started with {@code java -p … -m demo.app/demo.app.Main} and as a jlink image of its own: the
 * app's output and exit codes are as without telemetry, the management commands work (the SDK
 * as an automatic module failed them with {@code NoClassDefFoundError: java/sql/SQLException},
 * since an automatic module cannot require {@code java.sql} or {@code java.net.http}), a granted
 * run is recorded and {@code telemetry flush} delivers it.
 */
class ModulePathIT {
  @TempDir static Path build;
  static Path app;

  @TempDir Path dir;
  DataDir data;
  FakeCollector collector;

  @BeforeAll
  static void compileTheApp() throws Exception {
    app = ModularApp.compile(build.resolve("app"));
  }

  @BeforeEach
  void startCollector() throws Exception {
    data = new DataDir(dir.resolve("home"), ModularApp.TOOL);
    collector = FakeCollector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void onTheModulePath() throws Exception {
    String modulePath = ModularApp.sdkModulePath() + File.pathSeparator + app;
    worksAsWithoutTelemetryAndItsCommandsWork(() -> JavaProcess.ofModule(modulePath, ModularApp.MAIN, dir));
  }

  @Test
  void asAJlinkImage() throws Exception {
    Path image = ModularApp.link(app, build.resolve("image-" + System.nanoTime()));
    worksAsWithoutTelemetryAndItsCommandsWork(() -> JavaProcess.ofModule(null, ModularApp.MAIN, dir).javaHome(image));
  }

  private void worksAsWithoutTelemetryAndItsCommandsWork(Supplier<JavaProcess> launcher) throws Exception {
    Supplier<JavaProcess> demo = () -> launcher.get()
        .env("TELEMETRY_KIT_HOME", data.home().toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint());

    JavaProcess.Result without = demo.get().env("TELEMETRY_KIT_DISABLED", "1").run("bob", "--exit", "3");
    JavaProcess.Result undecided = demo.get().run("bob", "--exit", "3");
    assertThat(without.out()).isEqualTo("hello bob\n");
    assertThat(without.exitCode()).isEqualTo(3);
    assertThat(undecided).isEqualTo(without);

    JavaProcess.Result status = demo.get().run("telemetry", "status");
    assertThat(status.err()).isEmpty();
    assertThat(status.out()).startsWith("Telemetry for demo: not decided");
    assertThat(status.exitCode()).isZero();

    JavaProcess.Result enable = demo.get().run("telemetry", "enable");
    assertThat(enable.err()).isEmpty();
    assertThat(enable.out()).startsWith("Telemetry enabled for demo.");
    assertThat(enable.exitCode()).isZero();

    JavaProcess.Result granted = demo.get().run("ann", "--region", "eu");
    assertThat(granted).isEqualTo(new JavaProcess.Result("hello ann\n", "", 0));
    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).hasSize(1);
    assertThat(DataDir.metadata(events.get(0)))
        .containsEntry("command", "demo")
        .containsEntry("option_values", Map.of("--region", "eu"))
        .containsEntry("version", "1.4.2");

    JavaProcess.Result show = demo.get().run("telemetry", "show");
    assertThat(show.err()).isEmpty();
    assertThat(show.out()).contains("\"service_name\": \"demo\"").contains("\"command\": \"demo\"");
    assertThat(show.exitCode()).isZero();

    JavaProcess.Result flush = demo.get().run("telemetry", "flush");
    assertThat(flush).isEqualTo(
        new JavaProcess.Result("Sent 1 events in 1 batch to " + collector.endpoint() + ".\n", "", 0));
    assertThat(collector.eventIds()).containsExactly((String) events.get(0).get("event_id"));
  }
}

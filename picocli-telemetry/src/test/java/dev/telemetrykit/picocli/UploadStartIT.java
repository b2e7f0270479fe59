package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.picocli.apps.LibraryMain;
import dev.telemetrykit.picocli.apps.ProbeMain;
import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.ModularApp;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the upload process starts, in real processes: an app started again with the upload marker
 * uploads instead of running, and an upload process that cannot start is shown by {@code status}.
 */
class UploadStartIT {
  /** The marker's variable ({@code FlushMain.MARKER}). */
  static final String MARKER = "TELEMETRY_KIT_UPLOAD";

  @TempDir Path dir;
  Path home;
  FakeCollector collector;

  @BeforeEach
  void start() throws Exception {
    home = dir.resolve("home");
    collector = FakeCollector.start();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  JavaProcess app(Class<?> main) {
    return JavaProcess.of(main, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  /** What a due run of shop-cli puts in the marker: its upload's settings, then properties. */
  String marker() {
    // FlushMain.arguments: tool, endpoint, policy version, queue size, interval, events, group, ingest key.
    return String.join("\n", "shop-cli", collector.endpoint(), "1", "10000", "3600", "100", "", "")
        + "\nuser.home=" + dir;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(classes = {ProbeMain.class, ShopMain.class, LibraryMain.class}) // execute, install, start
  void anAppStartedWithTheMarkerUploadsTheQueueInsteadOfRunning(Class<?> main) throws Exception {
    app(ShopMain.class).run("telemetry", "enable");
    QueueFixture queued = new QueueFixture(home, collector.endpoint()).withEvents(3);

    JavaProcess.Result marked = app(main).env(MARKER, marker()).run("order", "x", "--format", "json");

    assertThat(marked.exitCode()).isZero();
    assertThat(marked.out()).as("the app did not run").isEmpty();
    assertThat(marked.err()).isEmpty();
    assertThat(collector.eventIds()).containsExactlyInAnyOrderElementsOf(queued.eventIds());
    assertThat(new DataDir(home, "shop-cli").importAndReadQueue()).as("nothing recorded, nothing left").isEmpty();
  }

  /**
   * A modular app: the upload's {@code java} starts the SDK's module from the app's module path,
   * or from the runtime when the app is a jlink image with the modules linked in.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"module path", "jlink image"})
  void aModularAppUploadsInTheBackground(String form) throws Exception {
    Path app = ModularApp.compile(dir.resolve("app"));
    Path image = form.equals("jlink image") ? ModularApp.link(app, dir.resolve("image")) : null;
    Supplier<JavaProcess> demo = () -> (image == null
        ? JavaProcess.ofModule(ModularApp.sdkModulePath() + File.pathSeparator + app, ModularApp.MAIN, dir)
        : JavaProcess.ofModule(null, ModularApp.MAIN, dir).javaHome(image))
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    demo.get().run("telemetry", "enable");

    JavaProcess.Result due = demo.get().env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("ann");

    assertThat(due).isEqualTo(new JavaProcess.Result("hello ann\n", "", 0));
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(home.resolve("demo.upload.claim")));
    assertThat(List.of(home.toFile().list())).doesNotContain("demo.upload.err");
  }

  @Test
  void aMarkerThatIsNotOneOfOursLeavesTheAppAlone() throws Exception {
    JavaProcess.Result r = app(ShopMain.class).env(MARKER, "1").run("status");

    assertThat(r.out()).isEqualTo("all systems ok\n");
    assertThat(collector.requests()).isZero();
  }

  @Test
  void anUploadProcessThatCannotStartIsShownByStatusUntilOneStarts() throws Exception {
    app(ShopMain.class).run("telemetry", "enable");
    Path claim = home.resolve("shop-cli.upload.claim");
    // A JVM option on the CLI's command line that an option from the environment needs: the
    // upload's JVM inherits the environment but not the command line, and refuses to start.
    JavaProcess.Result due = app(ShopMain.class).jvmOption("-XX:+UnlockExperimentalVMOptions")
        .env("_JAVA_OPTIONS", "-XX:+UseEpsilonGC").env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status");
    assertThat(due.out()).endsWith("all systems ok\n"); // after Epsilon GC's notes
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.resolve("shop-cli.upload.err"))
        && Files.readString(home.resolve("shop-cli.upload.err")).contains("Could not create the Java Virtual Machine"));
    assertThat(app(ShopMain.class).run("telemetry", "status").out()).as("within a JVM's start-up time")
        .contains("problems:    none");

    Files.setLastModifiedTime(claim, FileTime.fromMillis(System.currentTimeMillis() - 11_000)); // 11 s later
    String status = app(ShopMain.class).run("telemetry", "status").out();

    assertThat(status).contains("  problems:\n    - the upload process could not start: Error: VM option 'UseEpsilonGC'"
        + " is experimental and must be enabled via -XX:+UnlockExperimentalVMOptions; run 'shop-cli telemetry flush'\n");
    assertThat(collector.requests()).isZero();
    assertThat(Files.getPosixFilePermissions(home.resolve("shop-cli.upload.err")))
        .as("owner-only").extracting(Enum::name).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

    // The next due run after the claim's age limit starts an upload that works: the problem is gone.
    Files.setLastModifiedTime(claim, FileTime.fromMillis(System.currentTimeMillis() - 40_000));
    app(ShopMain.class).env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status");
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 2 && !Files.exists(claim));
    assertThat(app(ShopMain.class).run("telemetry", "status").out()).contains("problems:    none");
    assertThat(List.of(home.toFile().list())).doesNotContain("shop-cli.upload.err", "shop-cli.upload.args");
  }
}

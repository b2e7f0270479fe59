package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.jar.JarFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample CLI packaged as a Spring Boot executable jar ({@link SpringBootJar}) and started with
 * {@code java -jar boot.jar}: Boot's own launcher loads the app and the SDK from jars nested in
 * the jar, through its class loader, so a fresh {@code java} cannot find the SDK on the class path
 * and the upload starts the app again as it was started, marked (docs/sync.md, "How the upload
 * starts"). SQLite's native library is unpacked from inside a nested jar.
 *
 * <p>Every run, {@code telemetry enable} included, goes through the Boot jar, as a user of such a
 * CLI would run it.
 */
class SpringBootJarIT {
  private static final long STORED_WITHIN_MILLIS = 30_000;

  @TempDir static Path shared;
  static Path bootJar;
  static RunningCollector collector;
  static StoredEvents stored;
  @TempDir Path dir;

  @BeforeAll
  static void buildJarAndStartCollector() throws Exception {
    bootJar = SpringBootJar.build(shared.resolve("jar").resolve("boot.jar"));
    List<String> nested = SpringBootJar.nestedJars(bootJar);
    assertThat(nested).as("jars nested in BOOT-INF/lib/").hasSize(7);
    for (String jar : nested) {
      assertThat(SpringBootJar.isStored(bootJar, jar)).as("%s stored uncompressed", jar).isTrue();
    }
    try (JarFile jar = new JarFile(bootJar.toFile())) {
      assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("dev/") || n.startsWith("picocli/")
          || n.startsWith("org/sqlite/")).toList()).as("app or library classes outside BOOT-INF/").isEmpty();
    }
    Path collectorDir = Files.createDirectories(shared.resolve("collector"));
    collector = RunningCollector.start(collectorDir);
    stored = StoredEvents.of(collectorDir);
  }

  @AfterAll
  static void stopCollector() throws Exception {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void dueRunUploadsInTheBackground() throws Exception {
    assertEventArrivesInTheBackground(bootCli("spring-boot-jar", ShippedCli.JAVA), "spring-boot-jar");
  }

  @Test
  void dueRunUploadsInTheBackgroundOnJdk25() throws Exception {
    assertEventArrivesInTheBackground(bootCli("spring-boot-jar on JDK 25", jdk25()), "spring-boot-jar-jdk25");
  }

  @Test
  void managementCommandsOpenTheQueueInsideTheBootJar() throws Exception {
    ShippedCli cli = bootCli("spring-boot-jar", ShippedCli.JAVA);
    assertManagementCommandsWork(cli, "boot-manage", false);
  }

  /**
   * From JDK 24, loading SQLite's native library without native access makes the JDK print its
   * warning: no child JVM can find the SDK, which only Boot's class loader sees, so the commands
   * open the queue in the CLI's own JVM. They must work, and print nothing else on stderr.
   */
  @Test
  void managementCommandsOnJdk25() throws Exception {
    ShippedCli cli = bootCli("spring-boot-jar on JDK 25", jdk25());
    assertManagementCommandsWork(cli, "boot-manage-jdk25", true);
  }

  /** With native access enabled for the class path, Boot's nested jars included, they print no warning. */
  @Test
  void managementCommandsOnJdk25WithNativeAccess() throws Exception {
    ShippedCli cli = bootCli("spring-boot-jar on JDK 25, native access", jdk25(), "--enable-native-access=ALL-UNNAMED");
    assertManagementCommandsWork(cli, "boot-manage-jdk25-native", false);
  }

  /**
   * {@code enable}, then a run that is not due (its event waits in the journal), then {@code
   * status}, {@code show} and {@code flush}, each checked as the user sees it; then the event is
   * at the collector, once. Each command prints nothing on stderr, but the JDK's native-access
   * warning where {@code nativeAccessWarning}.
   */
  private void assertManagementCommandsWork(ShippedCli cli, String tag, boolean nativeAccessWarning)
      throws Exception {
    String form = cli.form();
    cli.env("TELEMETRY_KIT_ENDPOINT", collector.url());
    ShippedCli.Run.Result enable = cli.run(Map.of(), "telemetry", "enable");
    assertQuiet(enable, "telemetry enable", form, nativeAccessWarning);
    assertThat(enable.stdout()).as("`telemetry enable` (%s)", form).startsWith("Telemetry enabled for sample-cli.");
    String userId = new RecordedEvents(cli.dataDir()).userId();

    ShippedCli.Run.Result run = cli.run(Map.of(), TaggedRuns.args(tag));
    assertThat(run.stdout()).as("stdout of a recorded run (%s); stderr:%n%s", form, run.stderr())
        .isEqualTo(TaggedRuns.expectedOutput(tag));
    assertThat(run.exitCode()).as("exit code of a recorded run (%s)", form).isZero();

    ShippedCli.Run.Result status = cli.run(Map.of(), "telemetry", "status");
    assertQuiet(status, "telemetry status", form, nativeAccessWarning);
    assertThat(status.stdout()).as("`telemetry status` (%s)", form)
        .contains("Telemetry for sample-cli: enabled")
        .contains("queued:      1 events")
        .contains("problems:    none");

    ShippedCli.Run.Result show = cli.run(Map.of(), "telemetry", "show");
    assertQuiet(show, "telemetry show", form, nativeAccessWarning);
    assertThat(show.stdout()).as("`telemetry show` (%s)", form)
        .contains("\"service_name\": \"sample-cli\"")
        .contains("\"--region\": \"" + tag + "\"");

    ShippedCli.Run.Result flush = cli.run(Map.of(), "telemetry", "flush");
    assertQuiet(flush, "telemetry flush", form, nativeAccessWarning);
    assertThat(flush.stdout()).as("`telemetry flush` (%s)", form)
        .isEqualTo("Sent 1 events in 1 batch to " + collector.url() + ".\n");
    ExactlyOnce.assertStored(stored, userId, List.of(), List.of(tag));
    assertThat(Files.readString(cli.dataDir().resolve("sample-cli.db"), java.nio.charset.StandardCharsets.ISO_8859_1))
        .as("the queue (%s) is an SQLite database", form).startsWith("SQLite format 3");
  }

  private static void assertQuiet(ShippedCli.Run.Result r, String command, String form, boolean nativeAccessWarning) {
    assertThat(r.exitCode()).as("exit code of `%s` (%s):%n%s%s", command, form, r.stdout(), r.stderr()).isZero();
    // The JDK's warning: four lines that start with "WARNING: ", then an empty one.
    String stderr = nativeAccessWarning ? r.stderr().replaceFirst(
        "^WARNING: A restricted method in java\\.lang\\.System has been called\n(WARNING: [^\n]*\n){3}\n", "")
        : r.stderr();
    assertThat(stderr).as("stderr of `%s` (%s)%s", command, form, nativeAccessWarning ? ", but the JDK's warning" : "")
        .isEmpty();
  }

  /**
   * As in {@link ShippingFormsIT}: a run with telemetry off shows what the command prints; consent
   * is given with {@code telemetry enable}; then a due granted run prints and returns the same,
   * and its event is stored at the collector in the background, once.
   */
  private void assertEventArrivesInTheBackground(ShippedCli cli, String tag) throws Exception {
    String form = cli.form();
    cli.env("TELEMETRY_KIT_ENDPOINT", collector.url());
    String[] args = TaggedRuns.args(tag);

    ShippedCli.Run.Result plain = cli.run(Map.of("DO_NOT_TRACK", "1"), args);
    assertThat(plain.stdout()).as("stdout with telemetry off (%s); stderr:%n%s", form, plain.stderr())
        .isEqualTo(TaggedRuns.expectedOutput(tag));
    assertThat(plain.exitCode()).as("exit code with telemetry off (%s)", form).isZero();

    ShippedCli.Run.Result enable = cli.run(Map.of(), "telemetry", "enable");
    assertThat(enable.exitCode()).as("`telemetry enable` (%s):%n%s%s", form, enable.stdout(), enable.stderr())
        .isZero();
    assertThat(new TelemetryHome(cli.dataDir()).consentState()).as("consent state (%s)", form).contains("granted");
    String userId = new RecordedEvents(cli.dataDir()).userId();

    ShippedCli.Run.Result granted = cli.run(Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0"), args);
    OptionalLong storedAfter = stored.millisUntilStored(userId, granted.exitNanos(), STORED_WITHIN_MILLIS);
    System.out.println(storedAfter.isPresent()
        ? "shipping form " + form + ": event stored " + storedAfter.getAsLong() + " ms after the CLI exited"
            + " (exit delay " + granted.exitDelayMillis() + " ms)"
        : "shipping form " + form + ": no event stored within " + STORED_WITHIN_MILLIS / 1000
            + " s after the CLI exited (exit delay " + granted.exitDelayMillis() + " ms)");
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
        .until(() -> cli.processesLeft().isEmpty());

    SoftAssertions checks = new SoftAssertions();
    if (storedAfter.isEmpty()) {
      checks.fail("no event stored at the collector within %d s (%s); the upload's stderr: %s",
          STORED_WITHIN_MILLIS / 1000, form, uploadErrors(cli.dataDir()));
    }
    checks.assertThat(granted.stdout()).as("stdout of the granted run (%s)", form)
        .isEqualTo(TaggedRuns.expectedOutput(tag));
    checks.assertThat(granted.stderr()).as("stderr of the granted run, as with telemetry off (%s)", form)
        .isEqualTo(plain.stderr());
    checks.assertThat(granted.exitCode()).as("exit code of the granted run (%s)", form).isZero();
    checks.assertThat(granted.exitDelayMillis()).as("exit delay of the granted run in ms (%s)", form)
        .isLessThanOrEqualTo(TaggedRuns.EXIT_BOUND_MILLIS);
    checks.assertAll();
    ExactlyOnce.assertStored(stored, userId, List.of(), List.of(tag));
  }

  private ShippedCli bootCli(String form, Path java, String... javaOptions) {
    List<String> launcher = new ArrayList<>(List.of(java.toString()));
    launcher.addAll(List.of(javaOptions));
    launcher.addAll(List.of("-jar", bootJar.toString()));
    return ShippedCli.of(form, dir, launcher);
  }

  /** The {@code java} of a JDK 25 ({@code JDK25_HOME}); the test is skipped where there is none. */
  private static Path jdk25() {
    String configured = System.getenv("JDK25_HOME");
    Path home = configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    Path java = home.resolve("bin").resolve("java");
    assumeTrue(Files.isExecutable(java), "no JDK 25 at " + home + ": set JDK25_HOME to run the JDK 25 tests");
    return java;
  }


  private static String uploadErrors(Path dataDir) {
    try {
      Path err = dataDir.resolve("sample-cli.upload.err");
      return Files.exists(err) ? Files.readString(err) : "(no file)";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}

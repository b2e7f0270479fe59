package dev.telemetrykit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetrykit.examples.ExampleCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each framework example ({@code stockroom}, the same CLI on Spring Boot and on Quarkus) as a user
 * runs it, {@code java -jar}, against collector-lite. The framework's own class loader loads the
 * app, Picocli and the SDK (Spring Boot's from the jars nested in the executable jar, Quarkus's
 * from {@code quarkus-app/lib/main/}), the commands are the framework's beans, and a due run's
 * event reaches the collector through the background upload, which starts the same {@code java
 * -jar} again, marked (docs/sync.md, "How the upload starts").
 */
class StockroomEndToEndIT {
  private static final Map<String, String> TELEMETRY_OFF = Map.of("DO_NOT_TRACK", "1");
  /** Every run is due: its upload starts when the command ends. */
  private static final Map<String, String> DUE = Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0");

  @TempDir Path dir;

  @Test
  void springBootExampleIsAnExecutableJarWithNestedJars() throws Exception {
    try (JarFile jar = new JarFile(ExampleCli.jar("spring-boot-cli").toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Main-Class")).isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
      assertThat(manifest.getValue("Start-Class")).isEqualTo("dev.telemetrykit.examples.springboot.StockroomApplication");
      assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/")).toList())
          .anyMatch(n -> n.matches("BOOT-INF/lib/picocli-telemetry-.*\\.jar"))
          .anyMatch(n -> n.matches("BOOT-INF/lib/picocli-spring-boot-starter-.*\\.jar"))
          .anyMatch(n -> n.matches("BOOT-INF/lib/sqlite-jdbc-.*\\.jar"));
    }
  }

  @Test
  void quarkusExampleIsAFastJarWithTheSdkOutsideTheClassPath() throws Exception {
    Path runJar = ExampleCli.jar("quarkus-cli");
    try (JarFile jar = new JarFile(runJar.toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Main-Class")).isEqualTo("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
      assertThat(manifest.getValue("Class-Path")).as("the class path names only Quarkus's boot jars")
          .doesNotContain("lib/main/");
    }
    try (Stream<Path> lib = Files.list(runJar.resolveSibling("lib").resolve("main"))) {
      assertThat(lib.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.matches("dev\\.telemetrykit\\.picocli-telemetry-.*\\.jar"))
          .anyMatch(n -> n.matches("io\\.quarkus\\.quarkus-picocli-.*\\.jar"))
          .anyMatch(n -> n.matches("org\\.xerial\\.sqlite-jdbc-.*\\.jar"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring-boot-cli", "quarkus-cli"})
  void grantedRunsPrintWhatTheyPrintWithoutTelemetryAndTheirEventsReachTheCollectorInTheBackground(String example)
      throws Exception {
    Path collectorDir = Files.createDirectories(dir.resolve("collector"));
    Path cliDir = Files.createDirectories(dir.resolve("cli"));
    try (RunningCollector collector = RunningCollector.start(collectorDir)) {
      ExampleCli cli = ExampleCli.of(example, cliDir).env("TELEMETRY_KIT_ENDPOINT", collector.url());
      String[] reserve = {"reserve", "bolt", "--quantity", "3", "--priority", "HIGH"};
      String[] unknownItem = {"count", "gear"};

      Result plainReserve = cli.run(TELEMETRY_OFF, reserve);
      Result plainUnknown = cli.run(TELEMETRY_OFF, unknownItem);
      assertThat(plainReserve).as("reserve, telemetry off")
          .isEqualTo(new Result("Reserved 3 bolt (high priority).\n", "", 0));
      assertThat(plainUnknown).as("count of an unknown item, telemetry off")
          .isEqualTo(new Result("", "No such item: gear\n", 1));

      Result enable = cli.run(Map.of(), "telemetry", "enable");
      assertThat(enable.exitCode()).as("telemetry enable: %s", enable).isZero();
      assertThat(enable.stdout()).startsWith("Telemetry enabled for stockroom.");
      assertThat(Files.readString(cli.dataDir().resolve("stockroom.json")))
          .containsPattern("\"state\"\\s*:\\s*\"granted\"");

      assertThat(cli.run(DUE, reserve)).as("reserve, granted and due").isEqualTo(plainReserve);
      assertThat(cli.run(DUE, unknownItem)).as("count of an unknown item, granted and due").isEqualTo(plainUnknown);
      long lastRunEnded = System.nanoTime();

      // No `telemetry flush`: the runs' own background uploads deliver both events.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(collector.get("/api/services/stockroom/commands"))
              .contains("\"command\":\"reserve\",\"count\":1,\"success_rate\":1.0")
              .contains("\"command\":\"count\",\"count\":1,\"success_rate\":0.0"));
      System.out.printf("%s: both events at the collector %d ms after the last run ended%n",
          example, (System.nanoTime() - lastRunEnded) / 1_000_000);
      // Option names are recorded; a value only for the enum: not the item, not the quantity.
      assertThat(collector.get("/api/services/stockroom/commands/reserve/options"))
          .contains("\"option\":\"--priority\",\"count\":1,\"values\":[{\"value\":\"HIGH\",\"count\":1}]")
          .contains("\"option\":\"--quantity\",\"count\":1,\"values\":[]")
          .doesNotContain("bolt");
      // No upload may outlive the test, nor hold its directories.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> cli.processesLeft().isEmpty());
    }
  }

  /**
   * From JDK 24 the JDK prints a warning when SQLite's driver loads its native library, which
   * {@code telemetry show} needs, unless native access is enabled. The SDK's child JVM that avoids
   * it cannot find the SDK inside these apps, so the apps enable native access themselves (Quarkus
   * by default, the Spring Boot example in its jar's manifest): every command prints nothing on
   * stderr, and a granted run prints what it prints on JDK 17.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"spring-boot-cli", "quarkus-cli"})
  void onJdk25TheManagementCommandsPrintNoNativeAccessWarning(String example) throws Exception {
    ExampleCli cli = ExampleCli.of(example, dir).java(jdk25()).env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:9");

    Result enable = cli.run(Map.of(), "telemetry", "enable");
    assertThat(enable.stderr()).as("stderr of telemetry enable").isEmpty();
    assertThat(enable.exitCode()).isZero();
    assertThat(cli.run(Map.of(), "count", "bolt")).as("count, granted").isEqualTo(new Result("bolt: 120\n", "", 0));
    Result show = cli.run(Map.of(), "telemetry", "show");
    assertThat(show.stderr()).as("stderr of telemetry show").isEmpty();
    assertThat(show.stdout()).containsPattern("\"command\"\\s*:\\s*\"count\"");
    assertThat(show.exitCode()).isZero();
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
}

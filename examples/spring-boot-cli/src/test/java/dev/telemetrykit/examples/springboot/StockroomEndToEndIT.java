package dev.telemetrykit.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.examples.springboot.StockroomJar.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as a user runs it, {@code java -jar spring-boot-cli.jar}, against collector-lite:
 * Spring Boot's launcher loads the app, Picocli, Spring and the SDK from the jars nested in the
 * executable jar, the commands are Spring beans, and a due run's event reaches the collector
 * through the background upload (which, as nothing outside Boot's class loader can find the SDK,
 * starts the same {@code java -jar} again, marked: docs/sync.md).
 */
class StockroomEndToEndIT {
  private static final Map<String, String> TELEMETRY_OFF = Map.of("DO_NOT_TRACK", "1");
  /** Every run is due: its upload starts when the command ends. */
  private static final Map<String, String> DUE = Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0");

  @TempDir Path dir;

  @Test
  void theExecutableJarIsSpringBootsNestedJarLayout() throws Exception {
    try (JarFile jar = new JarFile(StockroomJar.JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.springframework.boot.loader.launch.JarLauncher");
      assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
          .isEqualTo(StockroomApplication.class.getName());
      assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/")).toList())
          .anyMatch(n -> n.matches("BOOT-INF/lib/picocli-telemetry-.*\\.jar"))
          .anyMatch(n -> n.matches("BOOT-INF/lib/picocli-spring-boot-starter-.*\\.jar"))
          .anyMatch(n -> n.matches("BOOT-INF/lib/sqlite-jdbc-.*\\.jar"));
    }
  }

  @Test
  void grantedRunsPrintWhatTheyPrintWithoutTelemetryAndTheirEventsReachTheCollectorInTheBackground()
      throws Exception {
    Path collectorDir = Files.createDirectories(dir.resolve("collector"));
    Path cliDir = Files.createDirectories(dir.resolve("cli"));
    try (RunningCollector collector = RunningCollector.start(collectorDir)) {
      StockroomJar cli = StockroomJar.in(cliDir).env("TELEMETRY_KIT_ENDPOINT", collector.url());
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
      assertThat(Files.readString(cli.dataDir().resolve("stockroom.json"))).containsPattern("\"state\"\\s*:\\s*\"granted\"");

      assertThat(cli.run(DUE, reserve)).as("reserve, granted and due").isEqualTo(plainReserve);
      assertThat(cli.run(DUE, unknownItem)).as("count of an unknown item, granted and due").isEqualTo(plainUnknown);
      long lastRunEnded = System.nanoTime();

      // No `telemetry flush`: the runs' own background uploads deliver both events.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(collector.get("/api/services/stockroom/commands"))
              .contains("\"command\":\"reserve\",\"count\":1,\"success_rate\":1.0")
              .contains("\"command\":\"count\",\"count\":1,\"success_rate\":0.0"));
      System.out.printf("spring-boot-cli: both events at the collector %d ms after the last run ended%n",
          (System.nanoTime() - lastRunEnded) / 1_000_000);
      // Option names are recorded; a value only for the enum: not the item, not the quantity.
      String options = collector.get("/api/services/stockroom/commands/reserve/options");
      assertThat(options)
          .contains("\"option\":\"--priority\",\"count\":1,\"values\":[{\"value\":\"HIGH\",\"count\":1}]")
          .contains("\"option\":\"--quantity\",\"count\":1,\"values\":[]")
          .doesNotContain("bolt");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> cli.processesLeft().isEmpty());
    }
  }
}

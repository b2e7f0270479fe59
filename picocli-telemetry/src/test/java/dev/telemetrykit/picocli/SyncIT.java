package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.internal.sync.FlushMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads from real CLI processes to a collector on loopback. */
class SyncIT {
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

  JavaProcess shop() {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_ENDPOINT", collector.endpoint())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void eventsOfShortCommandsReachTheCollectorExactlyOnce() throws Exception {
    shop().run("telemetry", "enable");
    for (int i = 0; i < 5; i++) {
      assertThat(shop().env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status").out()).isEqualTo("all systems ok\n");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 5);
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadProcesses().isEmpty());
    assertThat(collector.receivedEvents()).isEqualTo(collector.uniqueEvents()); // none twice
    assertThat(collector.uniqueEvents()).isEqualTo(5 + collector.events("inventory").size());
  }

  @Test
  void theFirstUploadOfAVersionCarriesTheCommandTreeOnce() throws Exception {
    shop().run("telemetry", "enable");
    shop().run("status"); // not due: no upload, no inventory
    assertThat(new DataDir(home, "shop-cli").journalEvents()).extracting(e -> e.get("event_type"))
        .containsExactly("command_executed");

    for (int i = 0; i < 2; i++) {
      assertThat(shop().env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status").out()).isEqualTo("all systems ok\n");
      int runs = i + 2;
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == runs);
      await().atMost(Duration.ofSeconds(30)).until(() -> uploadProcesses().isEmpty());
    }

    List<Object> commands = new ArrayList<>();
    for (var event : collector.events("inventory")) {
      commands.add(DataDir.metadata(event).get("command"));
    }
    assertThat(commands).containsExactlyInAnyOrder("shop-cli", "status", "order", "remote", "remote add", "fail",
        "exit", "help", "track");
    var add = collector.events("inventory").stream()
        .filter(e -> "remote add".equals(DataDir.metadata(e).get("command"))).findFirst().orElseThrow();
    assertThat(DataDir.metadata(add)).containsEntry("version", "2.5.1");
    assertThat(DataDir.metadata(add).get("options")).asList()
        .containsExactlyInAnyOrder("--help", "--version", "--verbose", "--track");
  }

  @Test
  void theUploadProcessSendsToTheToolsOwnEndpointRatherThanTheMachineWideOne() throws Exception {
    JavaProcess shop = shop().env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:1")
        .env("SHOP_CLI_TELEMETRY_ENDPOINT", collector.endpoint());
    shop.run("telemetry", "enable");

    assertThat(shop.env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status").out()).isEqualTo("all systems ok\n");

    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadProcesses().isEmpty());
  }

  @Test
  void theUploadProcessSendsToTheEndpointOfTheSystemProperty() throws Exception {
    JavaProcess shop = JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home.toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString())
        .jvmOption("-Dtelemetrykit.endpoint=" + collector.endpoint());
    shop.run("telemetry", "enable");

    assertThat(shop.env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status").out()).isEqualTo("all systems ok\n");

    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadProcesses().isEmpty());
  }

  @Test
  void stalledCollectorDelaysNoRunAndTheUploadProcessEndsOnItsOwn() throws Exception {
    shop().run("telemetry", "enable");
    collector.stall();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      JavaProcess.Result r = shop().env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status");
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(r.exitCode()).isZero();
    }
    assertThat(collector.awaitFirstRequest(20)).isTrue();
    // The stall lasts 60 s; a run that waited for the network would take 10 s or more.
    assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(3_000));
    // The upload process gives up when its 10 s request timeout passes, well within its hard limit.
    await().atMost(Duration.ofMillis(FlushMain.HARD_LIMIT_MILLIS)).until(() -> uploadProcesses().isEmpty());
    collector.release();
    assertThat(new DataDir(home, "shop-cli").importAndReadQueue())
        .filteredOn(e -> "command_executed".equals(e.eventType())).hasSize(3);
  }

  @Test
  void concurrentUploadsNeverSendAnEventTwice() throws Exception {
    shop().run("telemetry", "enable");
    new QueueFixture(home, collector.endpoint()).withEvents(300);
    List<JavaProcess.Running> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      running.add(shop().start("telemetry", "flush"));
      running.add(shop().env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").start("status"));
    }
    for (JavaProcess.Running r : running) {
      r.finish();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 304);
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadProcesses().isEmpty());
    assertThat(collector.receivedEvents()).isEqualTo(collector.uniqueEvents()); // none twice
  }

  @Test
  void killedUploadLosesNothing() throws Exception {
    shop().run("telemetry", "enable");
    QueueFixture queued = new QueueFixture(home, collector.endpoint()).withEvents(150);
    collector.stall();
    JavaProcess.Running flush = shop().start("telemetry", "flush");
    assertThat(collector.awaitFirstRequest(20)).isTrue();

    flush.process().destroyForcibly().waitFor(); // SIGKILL mid-request
    collector.release();
    JavaProcess.Result again = shop().run("telemetry", "flush");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("Sent ");
    assertThat(collector.eventIds()).containsExactlyInAnyOrderElementsOf(queued.eventIds());
    assertThat(new DataDir(home, "shop-cli").importAndReadQueue()).isEmpty();
  }

  @Test
  void flushPrintsASummaryAndStatusShowsTheUpload() throws Exception {
    shop().run("telemetry", "enable");
    shop().run("status");
    shop().run("order");

    JavaProcess.Result flush = shop().run("telemetry", "flush");

    assertThat(flush.out()).isEqualTo("Sent 2 events in 1 batch to " + collector.endpoint() + ".\n");
    assertThat(shop().run("telemetry", "status").out()).contains("last upload: succeeded ").contains("queued:      0 events");
    assertThat(shop().run("telemetry", "show", "--sent").out()).contains("\"answer\": \"200: received 2, duplicates 0\"")
        .contains("\"command\": \"order\"");
  }

  @Test
  void flushAgainstADeadCollectorKeepsEverythingAndSaysSo() throws Exception {
    shop().run("telemetry", "enable");
    shop().run("status");
    collector.close();

    JavaProcess.Result flush = shop().run("telemetry", "flush");

    assertThat(flush.exitCode()).isEqualTo(1);
    assertThat(flush.err()).startsWith("Nothing was sent: cannot reach ");
    assertThat(shop().run("telemetry", "status").out()).contains("last upload: failed ").contains("last error:  cannot reach")
        .contains("queued:      1 events");
  }

  private List<ProcessHandle> uploadProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("")
            .contains(FlushMain.class.getName() + " shop-cli " + collector.endpoint()))
        .toList();
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry status} of real CLI processes: what it counts, where it says the data lives. */
class StatusIT {
  @TempDir Path dir;

  JavaProcess shop(String home) {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", home)
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void queuedCountsEventsNotJournalFilesBothInTheJournalAndInTheQueue() throws Exception {
    JavaProcess shop = shop(dir.resolve("home").toString());
    shop.run("telemetry", "enable");
    assertThat(shop.run("track").out()).isEqualTo("tracked\n"); // one file: 3 custom events and the command's

    assertThat(shop.run("telemetry", "status").out()).contains("  queued:      4 events\n");

    shop.run("telemetry", "show"); // moves the journal into the queue
    shop.run("track");
    assertThat(shop.run("telemetry", "status").out())
        .contains("  queued:      8 events (4 not yet moved into the queue)\n");
  }

  @Test
  void aRelativeHomeIsTheWorkingDirectorysAndTheUploadProcessUsesTheSameOne() throws Exception {
    try (FakeCollector collector = FakeCollector.start()) {
      JavaProcess shop = shop("telemetry-data").env("TELEMETRY_KIT_ENDPOINT", collector.endpoint());
      shop.run("telemetry", "enable");

      String status = shop.run("telemetry", "status").out();
      shop.env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").run("status");

      Path home = dir.resolve("telemetry-data");
      assertThat(status).contains("  state file:  " + home.resolve("shop-cli.json") + "\n");
      assertThat(Files.exists(home.resolve("shop-cli.json"))).isTrue();
      await().atMost(Duration.ofSeconds(30)).until(() -> collector.events("command_executed").size() == 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(home.resolve("shop-cli.upload.claim")));
      assertThat(new DataDir(home, "shop-cli").importAndReadQueue()).isEmpty();
    }
  }
}

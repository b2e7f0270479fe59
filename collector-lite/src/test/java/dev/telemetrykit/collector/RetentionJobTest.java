package dev.telemetrykit.collector;

import static dev.telemetrykit.collector.support.KnownEvents.D1;
import static dev.telemetrykit.collector.support.KnownEvents.D2;
import static dev.telemetrykit.collector.support.KnownEvents.D3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.collector.analytics.Analytics.ServiceSeen;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.storage.EventStore;
import dev.telemetrykit.collector.support.KnownEvents;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention job deletes whole days once they fall out of retention, at start and when run again. */
class RetentionJobTest {
  @TempDir
  Path dir;
  private EventStore store;

  @BeforeEach
  void storeKnownEvents() {
    store = EventStore.open("jdbc:sqlite:" + dir.resolve("c.db"));
    BatchValidator validator = new BatchValidator(ProtocolExamples.referenceClock(), Duration.ofDays(400));
    KnownEvents.batches().forEach(batch -> store.store(validator.validate(batch)));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void daysOlderThanRetentionAreDeletedAtStartAndWhenTheClockMovesOn() {
    // 9 days of retention on D3 + 9 days at noon: D3 is the first day kept.
    SettableClock clock = new SettableClock(D3.plusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC));

    try (RetentionJob job = RetentionJob.start(store, clock, 9)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> firstDay(KnownEvents.SERVICE).equals(D3.toString()));
      assertThat(store.analytics().hasService(KnownEvents.OTHER_SERVICE)).isFalse(); // its only day was D1

      clock.advance(Duration.ofDays(1)); // D4 is now the first day kept
      assertThat(job.runOnce()).isEqualTo(1); // event 8, bob's build on D3
      assertThat(firstDay(KnownEvents.SERVICE)).isEqualTo(KnownEvents.D4.toString());
      assertThat(job.runOnce()).isZero();
    }
  }

  @Test
  void firstDayKeptIsTodayMinusTheRetention() {
    SettableClock clock = new SettableClock(D2.atTime(23, 59).toInstant(ZoneOffset.UTC));

    try (RetentionJob job = RetentionJob.start(store, clock, 1)) {
      assertThat(job.firstKeptDay()).isEqualTo(D1); // events of D1 are at most two days old: kept
    }
  }

  private String firstDay(String service) {
    return store.analytics().services().stream().filter(s -> s.service().equals(service))
        .map(ServiceSeen::firstSeen).findFirst().orElse("none");
  }
}

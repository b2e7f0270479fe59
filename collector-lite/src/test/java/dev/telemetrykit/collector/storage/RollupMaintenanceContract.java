package dev.telemetrykit.collector.storage;

import static dev.telemetrykit.collector.support.KnownEvents.ALICE;
import static dev.telemetrykit.collector.support.KnownEvents.CAROL;
import static dev.telemetrykit.collector.support.KnownEvents.D2;
import static dev.telemetrykit.collector.support.KnownEvents.D3;
import static dev.telemetrykit.collector.support.KnownEvents.OTHER_SERVICE;
import static dev.telemetrykit.collector.support.KnownEvents.SERVICE;
import static dev.telemetrykit.collector.storage.KnownEventsStore.WHOLE_YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.analytics.Analytics.ActiveUsers;
import dev.telemetrykit.collector.analytics.Analytics.CommandStats;
import dev.telemetrykit.collector.analytics.Analytics.FailureClass;
import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.Analytics.PlatformCount;
import dev.telemetrykit.collector.analytics.Analytics.Summary;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.ingest.Event;
import dev.telemetrykit.collector.support.KnownEvents;
import dev.telemetrykit.collector.support.KnownEvents.Known;
import dev.telemetrykit.collector.support.ProtocolExamples;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rollups stay exact through everything that changes events: resent batches, concurrent
 * copies, deleted users, retention, and events stored before the rollups existed. Each test compares
 * a store against one that only ever received the events that should remain.
 */
abstract class RollupMaintenanceContract {
  private final List<EventStore> stores = new ArrayList<>();

  /** A JDBC URL of a new, empty database (or schema) each time it is called. */
  abstract String newDatabaseUrl() throws Exception;

  @AfterEach
  void closeStores() {
    stores.forEach(EventStore::close);
  }

  private EventStore storeWith(Predicate<Known> keep) throws Exception {
    EventStore store = EventStore.open(newDatabaseUrl());
    stores.add(store);
    KnownEventsStore.store(store, keep);
    return store;
  }

  private static List<Object> snapshot(EventStore store) {
    return KnownEventsStore.snapshot(store.analytics(), WHOLE_YEAR);
  }

  @Test
  void resendingEveryBatchChangesNoNumber() throws Exception {
    EventStore store = storeWith(known -> true);
    List<Object> before = snapshot(store);

    for (Batch batch : KnownEventsStore.batches(known -> true)) {
      assertThat(store.store(batch)).isEqualTo(batch.events().size());
    }

    assertThat(snapshot(store)).isEqualTo(before);
  }

  @Test
  void invalidEventsAmongValidOnesChangeNoNumber() throws Exception {
    EventStore store = storeWith(known -> false);
    BatchValidator validator = new BatchValidator(ProtocolExamples.referenceClock(),
        Duration.ofDays(ProtocolExamples.retentionDays()));
    int rejected = 0;
    for (ObjectNode batch : KnownEvents.batches(known -> true)) {
      // Before every event, a broken copy with its own id: stored, it would add a run, a user or a day.
      var events = batch.withArray("events");
      for (int i = events.size() - 1; i >= 0; i--) {
        ObjectNode broken = events.get(i).deepCopy();
        broken.put("event_id", java.util.UUID.randomUUID().toString());
        if (i % 2 == 0) {
          broken.put("user_id", "not-a-user");
        } else {
          broken.put("timestamp", ProtocolExamples.referenceClock().millis() + Duration.ofHours(25).toMillis());
        }
        events.insert(i, broken);
      }
      Batch validated = validator.validate(batch);
      rejected += validated.rejected().size();
      store.store(validated);
    }

    assertThat(rejected).isEqualTo(KnownEvents.all().size());
    assertThat(snapshot(store)).isEqualTo(snapshot(storeWith(known -> true)));
  }

  @Test
  void eventRepeatedInsideABatchIsCountedOnce() throws Exception {
    EventStore store = storeWith(known -> false);
    Batch batch = KnownEventsStore.batches(known -> known.service().equals(SERVICE)).get(0);
    List<Event> doubled = new ArrayList<>(batch.events());
    doubled.addAll(batch.events());

    store.store(new Batch(batch.serviceName(), batch.serviceVersion(), doubled));

    assertThat(snapshot(store)).isEqualTo(snapshot(storeWith(known -> known.service().equals(SERVICE))));
  }

  @Test
  void concurrentCopiesOfTheSameBatchesAreCountedOnce() throws Exception {
    EventStore store = storeWith(known -> false);
    List<Batch> batches = KnownEventsStore.batches(known -> true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> copies = new ArrayList<>();
      for (int copy = 0; copy < 4; copy++) {
        copies.add(pool.submit(() -> batches.forEach(store::store)));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(snapshot(store)).isEqualTo(snapshot(storeWith(known -> true)));
  }

  @Test
  void deletingAUserLeavesTheNumbersOfNeverHavingStoredThem() throws Exception {
    EventStore store = storeWith(known -> true);

    assertThat(store.deleteUser(CAROL)).isEqualTo(5);

    assertThat(snapshot(store)).isEqualTo(snapshot(storeWith(known -> !known.userId().equals(CAROL))));
  }

  @Test
  void deletingAUserTakesTheirRunsUsersAndFailuresOut() throws Exception {
    EventStore store = storeWith(known -> true);

    store.deleteUser(CAROL);

    var analytics = store.analytics();
    assertThat(analytics.summary(SERVICE, AnalyticsContract.KNOWN_DAYS)).isEqualTo(new Summary(11, 8, 2, 0.75, 2, 1, 0.125));
    assertThat(analytics.activeUsers(SERVICE, AnalyticsContract.KNOWN_DAYS, Interval.DAY))
        .contains(new ActiveUsers(D2.toString(), D2.toString(), 1, 0, 1));
    assertThat(analytics.failures(SERVICE, AnalyticsContract.KNOWN_DAYS)).extracting(FailureClass::error)
        .containsExactly("java.io.IOException");
    assertThat(analytics.features(SERVICE, AnalyticsContract.KNOWN_DAYS).features()).hasSize(1);
  }

  @Test
  void deletingEveryUserOfAServiceRemovesTheService() throws Exception {
    EventStore store = storeWith(known -> known.service().equals(OTHER_SERVICE)); // alice's one event

    store.deleteUser(ALICE);

    assertThat(store.analytics().services()).isEmpty();
    assertThat(store.analytics().hasService(OTHER_SERVICE)).isFalse();
  }

  @Test
  void retentionRemovesWholeDaysFromEventsAndRollups() throws Exception {
    EventStore store = storeWith(known -> true);

    int deleted = store.deleteDaysBefore(D3);

    assertThat(deleted).isEqualTo(12); // D1 and D2: 11 of sample-cli, 1 of acme-db
    assertThat(snapshot(store)).isEqualTo(snapshot(storeWith(known -> !known.day().isBefore(D3))));
    assertThat(store.deleteDaysBefore(D3)).isZero();
  }

  @Test
  void eventsStoredBeforeTheRollupsExistedAreRolledUpByTheMigration() throws Exception {
    String url = newDatabaseUrl();
    Dialect dialect = Dialect.of(url);
    Flyway.configure().dataSource(DataSources.unpooled(dialect, url)).locations(dialect.migrationLocation())
        .target("1").load().migrate();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement(dialect.insertSql())) {
      for (Batch batch : KnownEventsStore.batches(known -> true)) {
        for (Event event : batch.events()) {
          EventRow.of(batch, event).bindInsert(insert);
          insert.executeUpdate();
        }
      }
    }

    EventStore migrated = EventStore.open(url);
    stores.add(migrated);

    assertThat(snapshot(migrated)).isEqualTo(snapshot(storeWith(known -> true)));
  }

  @Test
  void longestValuesTheProtocolAllowsFitTheRollupKeys() throws Exception {
    // PostgreSQL refuses index entries over about 2.7 kB; 4-byte characters are the worst case.
    String command = fourByteText(256, 0x1F300, 200);
    String letters = fourByteText(128, 0x10400, 80); // Deseret letters: class names, at most 256 UTF-16 units
    ObjectNode run = KnownEvents.batches(known -> known.number() == 4).get(0);
    ObjectNode metadata = (ObjectNode) run.withArray("events").get(0).get("metadata");
    metadata.put("command", command).put("success", false).put("error", letters)
        .put("version", command).put("os", command).put("arch", command).put("java_version", command);
    metadata.putArray("options").add("-".repeat(64));
    metadata.putObject("option_values").put("-".repeat(64), fourByteText(256, 0x1F400, 200));
    ObjectNode feature = KnownEvents.batches(known -> known.number() == 11).get(0);
    ((ObjectNode) feature.withArray("events").get(0).get("metadata")).put("feature", fourByteText(256, 0x1F500, 200));
    EventStore store = storeWith(known -> false);
    BatchValidator validator = new BatchValidator(ProtocolExamples.referenceClock(), Duration.ofDays(400));

    store.store(validator.validate(run));
    store.store(validator.validate(feature));

    var analytics = store.analytics();
    assertThat(analytics.commands(SERVICE, WHOLE_YEAR, 10)).extracting(CommandStats::command).containsExactly(command);
    assertThat(analytics.failures(SERVICE, WHOLE_YEAR)).extracting(FailureClass::error).containsExactly(letters);
    assertThat(analytics.options(SERVICE, command, WHOLE_YEAR).options()).hasSize(1);
    assertThat(analytics.features(SERVICE, WHOLE_YEAR).features()).hasSize(1);
    assertThat(analytics.platforms(SERVICE, WHOLE_YEAR).os()).extracting(PlatformCount::value)
        .contains(command.substring(0, command.offsetByCodePoints(0, RollupDelta.MAX_DIMENSION_LENGTH)));
  }

  /** {@code length} 4-byte characters cycling through {@code variety} from {@code first}, so little compresses. */
  private static String fourByteText(int length, int first, int variety) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(first + i % variety);
    }
    return text.toString();
  }

  @Test
  void firstClaimOfASettingWinsForEveryLaterOne() throws Exception {
    EventStore store = storeWith(known -> false);

    assertThat(store.claimSetting("admin_token_sha256", "first")).isEqualTo("first");
    assertThat(store.claimSetting("admin_token_sha256", "second")).isEqualTo("first");
  }
}

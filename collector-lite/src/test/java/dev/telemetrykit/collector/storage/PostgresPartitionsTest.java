package dev.telemetrykit.collector.storage;

import static dev.telemetrykit.collector.support.KnownEvents.D1;
import static dev.telemetrykit.collector.support.KnownEvents.D2;
import static dev.telemetrykit.collector.support.KnownEvents.D3;
import static dev.telemetrykit.collector.support.KnownEvents.D4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's events table is partitioned by day: each day's events sit in a partition of their
 * own, retention drops whole partitions, dedupe still holds, and a database with events from before
 * the partitioning is moved over by the migration.
 */
class PostgresPartitionsTest {
  private final PostgresSchemas schemas = new PostgresSchemas();
  private final List<EventStore> stores = new ArrayList<>();

  @BeforeAll
  static void requirePostgres() {
    PostgresSchemas.requireServer();
  }

  @AfterEach
  void close() throws SQLException {
    stores.forEach(EventStore::close);
    schemas.close();
  }

  @Test
  void eachDaysEventsAreStoredInThatDaysPartition() throws Exception {
    String url = schemas.create();
    EventStore store = open(url);

    KnownEventsStore.store(store, known -> true);

    assertThat(eventsPerPartition(url)).containsExactly(
        Map.entry("events_20261116", 6L), Map.entry("events_20261117", 6L),
        Map.entry("events_20261123", 1L), Map.entry("events_20261124", 4L));
  }

  @Test
  void resendingEventsStoresNothingTwice() throws Exception {
    String url = schemas.create();
    EventStore store = open(url);
    List<Batch> batches = KnownEventsStore.batches(known -> true);
    batches.forEach(store::store);

    int duplicates = 0;
    for (Batch batch : batches) {
      duplicates += store.store(batch);
    }

    assertThat(duplicates).isEqualTo(17);
    assertThat(count(url, "SELECT count(*) FROM events")).isEqualTo(17);
    assertThat(count(url, "SELECT sum(events) FROM service_daily")).isEqualTo(17);
  }

  @Test
  void retentionDropsThePartitionsOfOldDaysAndKeepsTheRest() throws Exception {
    String url = schemas.create();
    EventStore store = open(url);
    KnownEventsStore.store(store, known -> true);

    int deleted = store.deleteDaysBefore(D3);

    assertThat(deleted).isEqualTo(12);
    assertThat(eventsPerPartition(url)).containsExactly(
        Map.entry("events_20261123", 1L), Map.entry("events_20261124", 4L));
    // A day whose partition was dropped can have one again (ingest refuses such days, but a clock
    // set back must not break storing).
    KnownEventsStore.store(store, known -> known.day().equals(D1));
    assertThat(eventsPerPartition(url)).containsKey("events_20261116");
  }

  @Test
  void collectorsSharingTheDatabaseCreateEachDaysPartitionOnce() throws Exception {
    String url = schemas.create();
    List<EventStore> collectors = List.of(open(url), open(url), open(url));
    List<Batch> batches = KnownEventsStore.batches(known -> true);
    ExecutorService threads = Executors.newFixedThreadPool(collectors.size());
    try {
      List<Callable<Integer>> stores = new ArrayList<>();
      for (EventStore collector : collectors) {
        for (Batch batch : batches) {
          stores.add(() -> collector.store(batch));
        }
      }
      int duplicates = 0;
      for (Future<Integer> result : threads.invokeAll(stores)) {
        duplicates += result.get();
      }

      assertThat(duplicates).isEqualTo(2 * 17);
    } finally {
      threads.shutdownNow();
    }
    assertThat(eventsPerPartition(url).keySet())
        .containsExactly("events_20261116", "events_20261117", "events_20261123", "events_20261124");
    assertThat(count(url, "SELECT count(*) FROM events")).isEqualTo(17);
  }

  @Test
  void theMigrationMovesEventsStoredBeforeThePartitioning() throws Exception {
    String url = schemas.create();
    Dialect dialect = Dialect.POSTGRESQL;
    Flyway.configure().dataSource(DataSources.unpooled(dialect, url)).locations(dialect.migrationLocation())
        .javaMigrations(RollupBackfill.all(dialect).toArray(RollupBackfill[]::new)).target("4.1").load().migrate();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement insert = connection.prepareStatement(dialect.insertSql())) {
      for (Batch batch : KnownEventsStore.batches(known -> !known.day().equals(D4))) {
        for (Event event : batch.events()) {
          EventRow.of(batch, event).bindInsert(insert);
          insert.executeUpdate();
        }
      }
    }

    EventStore store = open(url);
    KnownEventsStore.store(store, known -> true); // the earlier days' events again, and D4's

    assertThat(eventsPerPartition(url)).containsExactly(
        Map.entry("events_20261116", 6L), Map.entry("events_20261117", 6L),
        Map.entry("events_20261123", 1L), Map.entry("events_20261124", 4L));
    assertThat(count(url, "SELECT count(*) FROM pg_class WHERE relname = 'events_before_partitioning'")).isZero();
  }

  private EventStore open(String url) {
    EventStore store = EventStore.open(url);
    stores.add(store);
    return store;
  }

  /** Each partition of events, by name in day order, with the events it holds. */
  private static Map<String, Long> eventsPerPartition(String url) throws SQLException {
    Map<String, Long> partitions = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      for (LocalDate day : EventPartitions.days(connection)) {
        partitions.put(EventPartitions.name(day), count(connection, "SELECT count(*) FROM " + EventPartitions.name(day)));
      }
    }
    return partitions;
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      return count(connection, sql);
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }
}

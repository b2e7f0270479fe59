package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.ingest.Event;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.ProtocolExamples;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do, whatever the database. Subclasses supply a fresh, empty
 * database per test.
 */
abstract class EventStoreContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BatchValidator VALIDATOR =
      new BatchValidator(ProtocolExamples.referenceClock(), Duration.ofDays(400));

  EventStore store;

  /** A JDBC URL of an empty database (or schema) for this test. */
  abstract String freshDatabaseUrl() throws Exception;

  /** The URL {@link #freshDatabaseUrl()} returned, for the test's own queries. */
  abstract String currentDatabaseUrl();

  @BeforeEach
  void openStore() throws Exception {
    store = EventStore.open(freshDatabaseUrl());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void newBatchIsStoredWhole() {
    Batch batch = batch(3, Batches.userId());

    assertThat(store.store(batch)).isZero();

    assertThat(count("SELECT count(*) FROM events")).isEqualTo(3);
  }

  @Test
  void resentBatchIsCountedAsDuplicatesAndNotStoredTwice() {
    Batch batch = batch(4, Batches.userId());
    store.store(batch);

    assertThat(store.store(batch)).isEqualTo(4);

    assertThat(count("SELECT count(*) FROM events")).isEqualTo(4);
  }

  @Test
  void eventRepeatedWithinABatchIsStoredOnceAndCountedAsDuplicate() {
    Batch batch = batch(2, Batches.userId());
    List<Event> events = new ArrayList<>(batch.events());
    events.add(events.get(0));

    assertThat(store.store(new Batch(batch.serviceName(), batch.serviceVersion(), events))).isEqualTo(1);

    assertThat(count("SELECT count(*) FROM events")).isEqualTo(2);
  }

  @Test
  void batchThatFailsHalfwayLeavesNothingBehind() {
    Batch batch = batch(3, Batches.userId());
    List<Event> events = new ArrayList<>(batch.events());
    Event last = events.get(2);
    // A null event type violates NOT NULL on the third insert, after two rows went in.
    events.set(2, new Event(last.eventId(), null, last.timestamp(), last.userId(), last.sessionId(), last.metadata()));

    assertThatThrownBy(() -> store.store(new Batch(batch.serviceName(), batch.serviceVersion(), events)))
        .isInstanceOf(StorageException.class);

    assertThat(count("SELECT count(*) FROM events")).isZero();
  }

  @Test
  void wellKnownMetadataIsStoredInItsOwnColumns() throws SQLException {
    Batch batch = batch(1, Batches.userId());
    ObjectNode metadata = batch.events().get(0).metadata();
    metadata.put("success", false).put("exit_code", 3).put("error", "java.io.IOException");
    store.store(batch);

    try (Connection connection = DriverManager.getConnection(currentDatabaseUrl());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT * FROM events")) {
      assertThat(row.next()).isTrue();
      Event event = batch.events().get(0);
      assertThat(row.getString("event_id")).isEqualTo(event.eventId());
      assertThat(row.getString("service")).isEqualTo("sample-cli");
      assertThat(row.getString("service_version")).isEqualTo("1.2.0");
      assertThat(row.getString("event_type")).isEqualTo("command_executed");
      assertThat(row.getString("user_id")).isEqualTo(event.userId());
      assertThat(row.getString("session_id")).isEqualTo(event.sessionId());
      assertThat(row.getLong("ts")).isEqualTo(event.timestamp());
      assertThat(row.getString("day")).isEqualTo("2026-11-25");
      assertThat(row.getString("command")).isEqualTo("build");
      assertThat(row.getBoolean("success")).isFalse();
      assertThat(row.getLong("duration_ms")).isEqualTo(12);
      assertThat(row.getInt("exit_code")).isEqualTo(3);
      assertThat(row.getString("version")).isEqualTo("1.2.0");
      assertThat(row.getString("os")).isEqualTo("linux");
      assertThat(row.getString("arch")).isEqualTo("amd64");
      assertThat(row.getString("java_version")).isEqualTo("17.0.15");
      assertThat(row.getString("error")).isEqualTo("java.io.IOException");
      assertThat(JSON.readTree(row.getString("metadata"))).isEqualTo(metadata);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void deletingAUserRemovesOnlyTheirEvents() {
    String alice = Batches.userId();
    store.store(batch(3, alice));
    store.store(batch(2, Batches.userId()));

    assertThat(store.deleteUser(alice)).isEqualTo(3);

    assertThat(count("SELECT count(*) FROM events")).isEqualTo(2);
    assertThat(store.deleteUser(alice)).isZero();
  }

  @Test
  void concurrentCopiesOfOneBatchAreStoredOnce() throws Exception {
    Batch batch = batch(50, Batches.userId());
    int copies = 4;
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    try {
      List<Future<Integer>> duplicates = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        duplicates.add(pool.submit(() -> store.store(batch)));
      }
      int total = 0;
      for (Future<Integer> result : duplicates) {
        total += result.get();
      }

      assertThat(total).isEqualTo(50 * (copies - 1));
      assertThat(count("SELECT count(*) FROM events")).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void groupOfBatchesIsStoredAsIfTheyCameOneAfterAnother() throws Exception {
    Batch first = batch(3, Batches.userId());
    Batch second = batch(2, Batches.userId());
    List<Event> overlapping = new ArrayList<>(second.events());
    overlapping.add(first.events().get(0)); // already in the first batch of the same group
    Batch repeated = new Batch(first.serviceName(), first.serviceVersion(), first.events());

    List<Object> outcomes = writeOneGroup(first,
        new Batch(second.serviceName(), second.serviceVersion(), overlapping), repeated);

    assertThat(outcomes).containsExactly(0, 1, 3);
    assertThat(count("SELECT count(*) FROM events")).isEqualTo(5);
    assertThat(count("SELECT sum(events) FROM service_daily")).isEqualTo(5);
  }

  @Test
  void batchThatFailsInAGroupFailsAloneAndTheOthersAreStored() throws Exception {
    Batch bad = batch(2, Batches.userId());
    Event last = bad.events().get(1);
    List<Event> events = new ArrayList<>(bad.events());
    events.set(1, new Event(last.eventId(), null, last.timestamp(), last.userId(), last.sessionId(), last.metadata()));

    List<Object> outcomes = writeOneGroup(batch(3, Batches.userId()),
        new Batch(bad.serviceName(), bad.serviceVersion(), events), batch(4, Batches.userId()));

    assertThat(outcomes.get(0)).isEqualTo(0);
    assertThat(outcomes.get(1)).isInstanceOf(StorageException.class);
    assertThat(outcomes.get(2)).isEqualTo(0);
    assertThat(count("SELECT count(*) FROM events")).isEqualTo(7);
    assertThat(count("SELECT sum(events) FROM service_daily")).isEqualTo(7);
  }

  @Test
  void concurrentBatchesAreAllStoredWithTheirRollups() throws Exception {
    int batches = 24;
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> duplicates = new ArrayList<>();
      for (int i = 0; i < batches; i++) {
        Batch batch = batch(10, Batches.userId());
        duplicates.add(pool.submit(() -> store.store(batch)));
      }
      for (Future<Integer> result : duplicates) {
        assertThat(result.get()).isZero();
      }

      assertThat(count("SELECT count(*) FROM events")).isEqualTo(10L * batches);
      assertThat(count("SELECT sum(events) FROM service_daily")).isEqualTo(10L * batches);
      assertThat(count("SELECT count(DISTINCT user_id) FROM user_daily")).isEqualTo(batches);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes the batches as one group commit; one outcome each: its duplicates, or what it failed with. */
  private List<Object> writeOneGroup(Batch... batches) throws Exception {
    String url = currentDatabaseUrl();
    Dialect dialect = Dialect.of(url);
    List<GroupCommit.Entry<PendingBatch, Integer>> group = new ArrayList<>();
    for (Batch batch : batches) {
      group.add(new GroupCommit.Entry<>(PendingBatch.of(batch), new CompletableFuture<>()));
    }
    try (HikariDataSource pool = DataSources.pooled(dialect, url)) {
      new BatchGroupWriter(pool, dialect, dialect == Dialect.POSTGRESQL ? new EventPartitions() : null).write(group);
    }
    List<Object> outcomes = new ArrayList<>();
    for (GroupCommit.Entry<PendingBatch, Integer> entry : group) {
      assertThat(entry.result()).isDone();
      outcomes.add(entry.result().handle((duplicates, failure) -> failure != null ? failure : duplicates).get());
    }
    return outcomes;
  }

  @Test
  void reopeningTheDatabaseKeepsEventsAndSkipsDoneMigrations() {
    store.store(batch(2, Batches.userId()));
    store.close();

    store = EventStore.open(currentDatabaseUrl());

    assertThat(count("SELECT count(*) FROM events")).isEqualTo(2);
  }

  @Test
  void descriptionNamesTheDatabaseWithoutCredentials() {
    assertThat(store.description()).doesNotContain("password").doesNotContain("?");
  }

  static Batch batch(int events, String userId) {
    return VALIDATOR.validate(Batches.commands(events, userId));
  }

  long count(String sql) {
    try (Connection connection = DriverManager.getConnection(currentDatabaseUrl());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.telemetrykit.collector.storage;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.ingest.Batch;
import java.time.LocalDate;

/**
 * Where events are kept: an embedded SQLite file or a PostgreSQL database, with the daily rollups
 * that {@link #analytics()} reads. Every change to events changes the rollups in the same
 * transaction, so the two always agree.
 *
 * <p>Implementations are thread-safe and migrate their schema when opened. Several collector
 * processes may share one PostgreSQL database; a SQLite file belongs to one collector.
 *
 * <pre>{@code
 * try (EventStore store = EventStore.open("jdbc:sqlite:collector.db")) {
 *   int duplicates = store.store(batch);
 * }
 * }</pre>
 */
public interface EventStore extends AutoCloseable {

  /**
   * Opens (creating and migrating if needed) the store a JDBC URL names.
   *
   * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host[:port]/database[?user=...]}
   * @throws IllegalArgumentException for any other kind of URL
   * @throws StorageException when the database cannot be opened or migrated
   */
  static EventStore open(String jdbcUrl) {
    return JdbcEventStore.open(Dialect.of(jdbcUrl), jdbcUrl);
  }

  /**
   * Checks that a URL names a supported, persistent database, without touching the database; the
   * same check {@link #open} starts with.
   *
   * @throws IllegalArgumentException with a message listing the supported forms
   */
  static void checkUrl(String jdbcUrl) {
    Dialect.of(jdbcUrl);
  }

  /**
   * Stores a batch in one transaction: every new event, or nothing when anything fails.
   *
   * @return how many events were not stored because their {@code event_id} was already stored or
   *     appeared earlier in the same batch
   * @throws StorageException when the transaction fails; nothing of the batch is stored then
   */
  int store(Batch batch);

  /**
   * Deletes every event of one user and takes them out of the rollups.
   *
   * @return how many events were deleted
   */
  int deleteUser(String userId);

  /**
   * Deletes the events and rollups of every UTC day before {@code firstKeptDay}: whole days, so that
   * the rollups of the days kept stay exact.
   *
   * @return how many events were deleted
   */
  int deleteDaysBefore(LocalDate firstKeptDay);

  /**
   * Stores {@code value} under {@code name} unless a value is stored already, and returns the stored
   * value. Shared by every collector on the database, so the first to ask decides.
   */
  String claimSetting(String name, String value);

  /** Queries over the rollups. */
  Analytics analytics();

  /** A description for the start-up line, e.g. {@code sqlite collector.db}; never contains a password. */
  String description();

  /** Closes the connections; waits for none of the callers (stop the HTTP server first). */
  @Override
  void close();
}

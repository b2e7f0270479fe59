package dev.telemetrykit.collector.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.ingest.Batch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The {@link EventStore} for both databases; what differs lives in {@link Dialect} and {@link DataSources}. */
final class JdbcEventStore implements EventStore {
  /** Events one group commit holds at most: enough for every request thread to share it. */
  static final int MAX_GROUP_EVENTS = 20_000;

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final HikariDataSource readers; // the same pool on PostgreSQL
  private final RollupWriter rollups;
  private final EventPartitions partitions; // null on SQLite
  private final GroupCommit<PendingBatch, Integer> batches;
  private final Analytics analytics;
  private final String description;

  private JdbcEventStore(Dialect dialect, HikariDataSource pool, HikariDataSource readers, String description) {
    this.dialect = dialect;
    this.pool = pool;
    this.readers = readers;
    this.rollups = new RollupWriter(dialect);
    this.partitions = dialect == Dialect.POSTGRESQL ? new EventPartitions() : null;
    this.batches = new GroupCommit<>("collector-" + dialect.name().toLowerCase(Locale.ROOT) + "-writer",
        DataSources.batchWriters(dialect), MAX_GROUP_EVENTS, PendingBatch::size, new BatchGroupWriter(pool, dialect, partitions));
    this.analytics = new JdbcAnalytics(new SqlQueries(readers, dialect), dialect);
    this.description = description;
  }

  static JdbcEventStore open(Dialect dialect, String jdbcUrl) {
    migrate(dialect, jdbcUrl);
    HikariDataSource pool = DataSources.pooled(dialect, jdbcUrl);
    HikariDataSource readers;
    try {
      readers = dialect == Dialect.SQLITE ? DataSources.sqliteReaders(jdbcUrl) : pool;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new JdbcEventStore(dialect, pool, readers, dialect.describe(jdbcUrl));
  }

  private static void migrate(Dialect dialect, String jdbcUrl) {
    try {
      // Flyway gets its own unpooled connections: it may hold more than one at a time, and the
      // SQLite pool has exactly one.
      Flyway.configure()
          .dataSource(DataSources.unpooled(dialect, jdbcUrl))
          .locations(dialect.migrationLocation())
          .javaMigrations(RollupBackfill.all(dialect).toArray(RollupBackfill[]::new))
          .load()
          .migrate();
    } catch (FlywayException e) {
      // Flyway's own message spans several lines; the root cause alone says what to fix.
      throw new StorageException("cannot prepare the database " + dialect.describe(jdbcUrl) + ": "
          + DataSources.rootMessage(e), e);
    }
  }

  /** Runs {@code work} in one transaction on a writer connection, rolling back on any failure. */
  private <T> T inTransaction(String what, Transaction<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, so the write lock is taken up front
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
      // The pool restores auto-commit when the connection is returned.
    } catch (SQLException e) {
      throw new StorageException("cannot " + what, e);
    }
  }

  @FunctionalInterface
  private interface Transaction<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Builds the rows on the caller's thread, then waits while a writer stores them together with
   * the other batches waiting at that moment, in one transaction (see {@link BatchGroupWriter}).
   */
  @Override
  public int store(Batch batch) {
    return batches.submit(PendingBatch.of(batch));
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the original failure is the one worth reporting
    }
  }

  @Override
  public int deleteUser(String userId) {
    return inTransaction("delete a user's events", connection -> {
      // RETURNING hands back exactly the rows deleted, so an event stored by another collector
      // meanwhile is either deleted and subtracted, or kept and counted: never half of each.
      RollupDelta delta = RollupDelta.forDeletedEvents();
      int deleted = 0;
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM events WHERE user_id = ? RETURNING " + RollupDelta.STORED_COLUMNS)) {
        delete.setString(1, userId);
        try (ResultSet rows = delete.executeQuery()) {
          while (rows.next()) {
            delta.addStored(rows);
            deleted++;
          }
        }
      }
      rollups.apply(connection, delta);
      rollups.deleteUser(connection, userId);
      return deleted;
    });
  }

  @Override
  public int deleteDaysBefore(LocalDate firstKeptDay) {
    return inTransaction("delete events before " + firstKeptDay, connection -> {
      int deleted;
      if (partitions != null) {
        deleted = partitions.dropBefore(connection, firstKeptDay);
      } else {
        // By ts, which the events_ts index serves; the day column is derived from ts in UTC.
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE ts < ?")) {
          delete.setLong(1, firstKeptDay.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
          deleted = delete.executeUpdate();
        }
      }
      rollups.deleteDaysBefore(connection, firstKeptDay);
      return deleted;
    });
  }

  @Override
  public String claimSetting(String name, String value) {
    return inTransaction("read the setting " + name, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO collector_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
        insert.setString(1, name);
        insert.setString(2, value);
        insert.executeUpdate();
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT value FROM collector_settings WHERE name = ?")) {
        select.setString(1, name);
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return row.getString(1);
        }
      }
    });
  }

  @Override
  public Analytics analytics() {
    return analytics;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    try {
      batches.close(); // finishes the batches already handed in
    } finally {
      closePools();
    }
  }

  private void closePools() {
    try {
      if (readers != pool) {
        readers.close();
      }
    } finally {
      pool.close();
    }
  }
}

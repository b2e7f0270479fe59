package dev.telemetrykit.collector.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** The {@link EventStore} for both databases; what differs lives in {@link Dialect} and {@link DataSources}. */
final class JdbcEventStore implements EventStore {
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final String description;

  private JdbcEventStore(Dialect dialect, HikariDataSource pool, String description) {
    this.dialect = dialect;
    this.pool = pool;
    this.description = description;
  }

  static JdbcEventStore open(Dialect dialect, String jdbcUrl) {
    migrate(dialect, jdbcUrl);
    return new JdbcEventStore(dialect, DataSources.pooled(dialect, jdbcUrl), dialect.describe(jdbcUrl));
  }

  private static void migrate(Dialect dialect, String jdbcUrl) {
    try {
      // Flyway gets its own unpooled connections: it may hold more than one at a time, and the
      // SQLite pool has exactly one.
      Flyway.configure()
          .dataSource(DataSources.unpooled(dialect, jdbcUrl))
          .locations(dialect.migrationLocation())
          .load()
          .migrate();
    } catch (FlywayException e) {
      // Flyway's own message spans several lines; the root cause alone says what to fix.
      throw new StorageException("cannot prepare the database " + dialect.describe(jdbcUrl) + ": "
          + DataSources.rootMessage(e), e);
    }
  }

  @Override
  public int store(Batch batch) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, so the write lock is taken up front
      try {
        int inserted = insertAll(connection, batch);
        connection.commit();
        return batch.events().size() - inserted;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
      // The pool restores auto-commit when the connection is returned.
    } catch (SQLException e) {
      throw new StorageException("cannot store a batch of " + batch.events().size() + " events", e);
    }
  }

  private int insertAll(Connection connection, Batch batch) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(dialect.insertSql())) {
      for (Event event : batch.events()) {
        bind(insert, EventRow.of(batch, event));
        insert.addBatch();
      }
      int inserted = 0;
      for (int count : insert.executeBatch()) {
        inserted += count; // 1 for a new event, 0 when its event_id conflicted
      }
      return inserted;
    }
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
    try (Connection connection = pool.getConnection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE user_id = ?")) {
      delete.setString(1, userId);
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new StorageException("cannot delete a user's events", e);
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static void bind(PreparedStatement insert, EventRow row) throws SQLException {
    int i = 0;
    insert.setString(++i, row.eventId());
    insert.setString(++i, row.service());
    insert.setString(++i, row.serviceVersion());
    insert.setString(++i, row.eventType());
    insert.setString(++i, row.userId());
    insert.setString(++i, row.sessionId());
    insert.setLong(++i, row.ts());
    insert.setString(++i, row.day());
    setNullable(insert, ++i, row.command(), Types.VARCHAR);
    setNullable(insert, ++i, row.success(), Types.BOOLEAN);
    setNullable(insert, ++i, row.durationMs(), Types.BIGINT);
    setNullable(insert, ++i, row.exitCode(), Types.INTEGER);
    setNullable(insert, ++i, row.version(), Types.VARCHAR);
    setNullable(insert, ++i, row.os(), Types.VARCHAR);
    setNullable(insert, ++i, row.arch(), Types.VARCHAR);
    setNullable(insert, ++i, row.javaVersion(), Types.VARCHAR);
    setNullable(insert, ++i, row.error(), Types.VARCHAR);
    insert.setString(++i, row.metadataJson());
  }

  private static void setNullable(PreparedStatement statement, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType);
    } else {
      statement.setObject(index, value, sqlType);
    }
  }
}

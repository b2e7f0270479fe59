package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 2.1: fills the rollup tables (created by V2) from the events stored before them, with
 * the same code that maintains them at ingest, so old and new days are counted alike. On a new
 * database it finds no events and does nothing.
 */
final class RollupBackfill implements JavaMigration {
  /** Events merged in memory before their delta is written; bounds memory on large tables. */
  static final int CHUNK_EVENTS = 10_000;

  private final RollupWriter writer;

  RollupBackfill(Dialect dialect) {
    this.writer = new RollupWriter(dialect);
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2.1");
  }

  @Override
  public String getDescription() {
    return "backfill daily rollups";
  }

  @Override
  public Integer getChecksum() {
    return null; // Java migrations have no script text to checksum
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement select = connection.createStatement()) {
      select.setFetchSize(1_000); // PostgreSQL streams rows inside a transaction instead of loading them all
      try (ResultSet rows = select.executeQuery("SELECT " + RollupDelta.STORED_COLUMNS + " FROM events")) {
        RollupDelta delta = RollupDelta.forStoredEvents();
        int pending = 0;
        while (rows.next()) {
          delta.addStored(rows);
          if (++pending == CHUNK_EVENTS) {
            writer.apply(connection, delta);
            delta = RollupDelta.forStoredEvents();
            pending = 0;
          }
        }
        writer.apply(connection, delta);
      }
    }
  }
}

package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Fills rollup tables that a migration just created from the events stored before them, with the
 * same code that maintains them at ingest, so old and new days are counted alike. On a new
 * database it finds no events and does nothing. Each backfill names its tables: a later migration
 * may change a table an earlier backfill would otherwise fill with columns it does not have yet.
 */
final class RollupBackfill implements JavaMigration {
  /** Events merged in memory before their delta is written; bounds memory on large tables. */
  static final int CHUNK_EVENTS = 10_000;

  private final RollupWriter writer;
  private final String version;
  private final String description;
  private final Set<RollupTable> tables;

  private RollupBackfill(Dialect dialect, String version, String description, Set<RollupTable> tables) {
    this.writer = new RollupWriter(dialect);
    this.version = version;
    this.description = description;
    this.tables = tables;
  }

  /** Every backfill, in migration order. */
  static List<RollupBackfill> all(Dialect dialect) {
    return List.of(
        // V2 created these; failure_daily, also from V2, is rebuilt (with more keys) by V4.
        new RollupBackfill(dialect, "2.1", "backfill daily rollups", EnumSet.of(RollupTable.SERVICES,
            RollupTable.COMMANDS, RollupTable.OPTIONS, RollupTable.USERS, RollupTable.USAGE)),
        // One pass over the stored events for every table V4 created or rebuilt.
        new RollupBackfill(dialect, "4.1", "backfill release, event and inventory rollups",
            EnumSet.of(RollupTable.RELEASES, RollupTable.VERSIONS, RollupTable.FAILURES, RollupTable.EVENTS,
                RollupTable.PROPERTIES, RollupTable.INVENTORY)));
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public String getDescription() {
    return description;
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
            writer.apply(connection, delta, tables);
            delta = RollupDelta.forStoredEvents();
            pending = 0;
          }
        }
        writer.apply(connection, delta, tables);
      }
    }
  }
}

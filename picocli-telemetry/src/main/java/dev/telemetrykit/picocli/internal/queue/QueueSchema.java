package dev.telemetrykit.picocli.internal.queue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The queue's schema and its migrations, tracked with SQLite's {@code user_version}. Each
 * migration runs once, in its own immediate transaction, so processes opening the same file at
 * the same time never apply one twice.
 */
final class QueueSchema {
  /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
  private static final List<String[]> MIGRATIONS =
      List.<String[]>of(
          new String[] {
            "CREATE TABLE events ("
                + " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " event_id TEXT NOT NULL UNIQUE,"
                + " event_type TEXT NOT NULL,"
                + " timestamp INTEGER NOT NULL,"
                + " service_version TEXT NOT NULL,"
                + " body TEXT NOT NULL)",
            "CREATE INDEX events_by_time ON events (timestamp, seq)",
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
          },
          new String[] {
            // A sender claims rows with a lease, so concurrent senders never send the same rows
            // and rows of a sender that died become claimable again when the lease runs out.
            "ALTER TABLE events ADD COLUMN lease_owner TEXT",
            "ALTER TABLE events ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE sent_batches ("
                + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                + " sent_at INTEGER NOT NULL,"
                + " events INTEGER NOT NULL,"
                + " outcome TEXT NOT NULL,"
                + " body TEXT NOT NULL)"
          });

  /** The schema version this code writes. */
  static final int CURRENT = MIGRATIONS.size();

  private QueueSchema() {}

  /** Applies the migrations the database lacks. */
  static void migrate(Connection c) throws SQLException {
    int version = version(c);
    if (version > CURRENT) {
      throw new SQLException(
          "the queue was written by a newer telemetry-kit (schema " + version + ", this one knows "
              + CURRENT + ")");
    }
    while (version < CURRENT) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        int now = version(c); // another process may have migrated while we waited for the lock
        if (now == version) {
          for (String sql : MIGRATIONS.get(version)) {
            s.execute(sql);
          }
          s.execute("PRAGMA user_version = " + (version + 1));
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      version = version(c);
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}

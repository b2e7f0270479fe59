package dev.telemetrykit.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** What a test does to the CLI's queue file from outside, as a user or a broken disk would. */
final class EventFiles {
  private EventFiles() {}

  /** Deletes the queue with its WAL and shared-memory files. */
  static void deleteQueue(Path database) throws IOException {
    Files.deleteIfExists(database);
    Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
    Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
  }

  /**
   * Folds the WAL into the database file, so the file alone holds the whole queue: a test that
   * damages or freezes the file then acts on all of it.
   */
  static void closeQueue(Path database) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }
}

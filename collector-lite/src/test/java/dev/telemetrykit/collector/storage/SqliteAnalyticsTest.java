package dev.telemetrykit.collector.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link AnalyticsContract} on SQLite files. */
class SqliteAnalyticsTest extends AnalyticsContract {
  @TempDir
  Path dir;
  private int databases;

  @Override
  String newDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("events-" + ++databases + ".db");
  }
}

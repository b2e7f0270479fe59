package dev.telemetrykit.collector.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** The {@link ReleaseHealthContract} on a SQLite file. */
class SqliteReleaseHealthTest extends ReleaseHealthContract {
  private Path dir;

  @Override
  String newDatabaseUrl() throws Exception {
    dir = Files.createTempDirectory("release-health");
    return "jdbc:sqlite:" + dir.resolve("events.db");
  }

  @AfterAll
  void deleteFiles() throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

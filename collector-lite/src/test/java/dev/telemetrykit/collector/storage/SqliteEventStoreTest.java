package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on an embedded SQLite file, plus what only SQLite has. */
class SqliteEventStoreTest extends EventStoreContract {
  @TempDir
  Path dir;

  @Override
  String freshDatabaseUrl() {
    return currentDatabaseUrl();
  }

  @Override
  String currentDatabaseUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/events.db");
  }

  @Test
  void missingParentDirectoryIsCreated() {
    assertThat(Files.isRegularFile(dir.resolve("data/events.db"))).isTrue();
  }

  @Test
  void descriptionIsTheFilePath() {
    assertThat(store.description()).isEqualTo("sqlite " + dir.resolve("data/events.db"));
  }

  @Test
  void inMemoryDatabaseIsRefusedBecauseEventsWouldVanish() {
    assertThatThrownBy(() -> EventStore.open("jdbc:sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-memory");
  }

  @Test
  void fileThatIsNotADatabaseFailsWithAStorageError() throws Exception {
    Path garbage = dir.resolve("garbage.db");
    Files.writeString(garbage, "this is not a SQLite database, just some text that is long enough".repeat(100));

    assertThatThrownBy(() -> EventStore.open("jdbc:sqlite:" + garbage)).isInstanceOf(StorageException.class);
  }

  @Test
  void otherDatabasesAreRefusedWithAHint() {
    assertThatThrownBy(() -> EventStore.open("jdbc:mysql://localhost/events"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:sqlite:")
        .hasMessageContaining("jdbc:postgresql:");
  }
}

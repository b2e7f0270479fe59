package dev.telemetrykit.picocli.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving journal files into the queue. */
class JournalImporterTest {
  @TempDir Path dir;

  static String body(String id, long ts) {
    return "{\"event_id\":\"" + id + "\",\"event_type\":\"command_executed\",\"timestamp\":" + ts
        + ",\"user_id\":\"u\",\"session_id\":\"s\",\"metadata\":{\"version\":\"3.1\"}}";
  }

  @Test
  void importsEveryEventOnceAndEmptiesTheJournal() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    journal.append("id-1", body("id-1", 10));
    journal.append("id-2", body("id-2", 20));
    try (EventQueue q = EventQueue.open(dir.resolve("q.db"))) {
      assertThat(JournalImporter.importAll(journal, q, 100, 0)).isEqualTo(2);
      assertThat(journal.size()).isZero();
      assertThat(q.nextBatch(10)).extracting(QueuedEvent::serviceVersion).containsExactly("3.1", "3.1");
    }
  }

  @Test
  void filesLeftBehindByACrashAfterCommitAreNotQueuedTwice() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    journal.append("id-1", body("id-1", 10));
    Path copy = dir.resolve("copy.json");
    Files.copy(journal.files().get(0).toPath(), copy);
    try (EventQueue q = EventQueue.open(dir.resolve("q.db"))) {
      JournalImporter.importAll(journal, q, 100, 0);
      Files.copy(copy, journal.directory().toPath().resolve("id-1.json")); // as if never deleted
      assertThat(JournalImporter.importAll(journal, q, 100, 0)).isZero();
      assertThat(q.size()).isEqualTo(1);
    }
  }

  @Test
  void unreadableEntriesAreCountedAndRemoved() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    journal.append("id-1", body("id-1", 10));
    journal.append("id-2", "{ not json");
    try (EventQueue q = EventQueue.open(dir.resolve("q.db"))) {
      JournalImporter.importAll(journal, q, 100, 0);
      assertThat(q.size()).isEqualTo(1);
      assertThat(q.counter(EventQueue.DROPPED_MALFORMED)).isEqualTo(1);
      assertThat(journal.size()).isZero();
    }
  }

  @Test
  void aFileOfSeveralEventsImportsEachLineAndCountsABadLineAlone() throws Exception {
    Journal journal = new Journal(dir.resolve("j").toFile());
    journal.append("id-1", java.util.List.of(body("id-1", 10), "{ torn", body("id-3", 30)));
    try (EventQueue q = EventQueue.open(dir.resolve("q.db"))) {
      assertThat(JournalImporter.importAll(journal, q, 100, 0)).isEqualTo(2);
      assertThat(q.nextBatch(10)).extracting(QueuedEvent::eventId).containsExactly("id-1", "id-3");
      assertThat(q.counter(EventQueue.DROPPED_MALFORMED)).isEqualTo(1);
      assertThat(journal.size()).isZero();
    }
  }

  @Test
  void temporaryFilesOfDeadWritersAreIgnoredThenCleanedUp() throws Exception {
    File dirFile = dir.resolve("j").toFile();
    Journal journal = new Journal(dirFile);
    journal.append("id-1", body("id-1", 10));
    File partial = new File(dirFile, ".tmp-id-2");
    Files.writeString(partial.toPath(), "{\"event_id\":\"id-2\",\"ev");
    try (EventQueue q = EventQueue.open(dir.resolve("q.db"))) {
      JournalImporter.importAll(journal, q, 100, partial.lastModified() + 1000);
      assertThat(q.size()).isEqualTo(1);
      assertThat(partial).exists();
      JournalImporter.importAll(journal, q, 100, partial.lastModified() + 2 * 60 * 60 * 1000L);
      assertThat(partial).doesNotExist();
    }
  }
}

package dev.telemetrykit.picocli.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite queue: schema, cap, corruption, concurrency. */
class EventQueueTest {
  @TempDir Path dir;

  static QueuedEvent event(int i, String version) {
    String id = String.format("00000000-0000-7000-8000-%012d", i);
    return new QueuedEvent(id, "command_executed", 1_000L + i, version,
        "{\"event_id\":\"" + id + "\",\"n\":" + i + "}");
  }

  static List<QueuedEvent> events(int from, int to) {
    List<QueuedEvent> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(event(i, "1.0"));
    }
    return out;
  }

  @Test
  void newQueueIsInWalModeAtTheCurrentSchemaVersion() throws Exception {
    Path file = dir.resolve("t.db");
    EventQueue.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      ResultSet mode = s.executeQuery("PRAGMA journal_mode");
      assertThat(mode.getString(1)).isEqualTo("wal");
      ResultSet version = s.executeQuery("PRAGMA user_version");
      assertThat(version.getInt(1)).isEqualTo(QueueSchema.CURRENT);
    }
  }

  @Test
  void insertingTheSameEventTwiceQueuesItOnce() throws Exception {
    try (EventQueue q = EventQueue.open(dir.resolve("t.db"))) {
      assertThat(q.insert(events(0, 3), 100)).isEqualTo(3);
      assertThat(q.insert(events(0, 5), 100)).isEqualTo(2);
      assertThat(q.size()).isEqualTo(5);
    }
  }

  @Test
  void fullQueueDropsTheOldestAndCountsThem() throws Exception {
    try (EventQueue q = EventQueue.open(dir.resolve("t.db"))) {
      q.insert(events(0, 8), 5);
      q.insert(events(8, 10), 5);
      assertThat(q.size()).isEqualTo(5);
      assertThat(q.counter(EventQueue.DROPPED_OVERFLOW)).isEqualTo(5);
      assertThat(q.nextBatch(100)).extracting(QueuedEvent::eventId)
          .containsExactlyElementsOf(events(5, 10).stream().map(QueuedEvent::eventId).toList());
    }
  }

  @Test
  void batchHoldsOneServiceVersionOldestFirst() throws Exception {
    try (EventQueue q = EventQueue.open(dir.resolve("t.db"))) {
      q.insert(List.of(event(1, "1.0"), event(2, "1.1"), event(3, "1.0")), 100);
      assertThat(q.nextBatch(100)).extracting(QueuedEvent::timestamp).containsExactly(1_001L, 1_003L);
      assertThat(q.nextBatch(1)).hasSize(1);
    }
  }

  @Test
  void fileThatIsNotADatabaseIsMovedAsideAndANewQueueStarts() throws Exception {
    Path file = dir.resolve("t.db");
    Files.writeString(file, "this is not an SQLite database, just text ".repeat(200));
    try (EventQueue q = EventQueue.open(file)) {
      q.insert(events(0, 1), 10);
      assertThat(q.size()).isEqualTo(1);
    }
    assertThat(Files.readString(EventQueue.corruptCopy(file))).startsWith("this is not an SQLite");
  }

  @Test
  void queueWrittenByANewerVersionIsNotTouched() throws Exception {
    Path file = dir.resolve("t.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventQueue.open(file))
        .hasMessageContaining("newer telemetry-kit");
  }

  @Test
  void threadsWritingAtOnceAllSucceed() throws Exception {
    Path file = dir.resolve("t.db");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int base = t * 50;
        results.add(pool.submit(() -> {
          try (EventQueue q = EventQueue.open(file)) {
            int added = 0;
            for (int i = 0; i < 50; i++) {
              added += q.insert(List.of(event(base + i, "1.0")), 10_000);
            }
            return added;
          }
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get();
      }
      assertThat(total).isEqualTo(300);
    } finally {
      pool.shutdownNow();
    }
    try (EventQueue q = EventQueue.open(file)) {
      assertThat(q.size()).isEqualTo(300);
    }
  }
}

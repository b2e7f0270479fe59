package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload of a CLI that runs as PID 1, on a daemon thread of its own JVM: what it sends while
 * the command runs, straight from the journal, what it does with events already in the SQLite
 * queue, and what a program's exit that cuts it off leaves behind.
 */
class InProcessUploadTest {
  @TempDir Path home;
  FakeCollector collector;
  QueueFixture queue;
  final ByteArrayOutputStream debug = new ByteArrayOutputStream();
  final Diagnostics diagnostics = new Diagnostics(false, new PrintStream(debug, true));

  @BeforeEach
  void start() throws Exception {
    collector = FakeCollector.start();
    queue = new QueueFixture(home, collector.endpoint()).withEvents(3);
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void sendsWhatWaitsAndThenTheEventOfTheCommandThatEndedStraightFromTheJournal() throws Exception {
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics, true);
    await().atMost(Duration.ofSeconds(20)).until(() -> collector.uniqueEvents() == 3); // while the command runs
    QueueFixture commandEvent = new QueueFixture(home, collector.endpoint()).withEvents(1);

    upload.finish(20_000);

    assertThat(collector.uniqueEvents()).isEqualTo(4);
    assertThat(collector.eventIds()).containsAll(commandEvent.eventIds());
    SyncState state = queue.syncState();
    assertThat(state.failures()).isZero();
    assertThat(state.nextAttempt()).isZero();
    assertThat(state.lastError()).isNull();
    assertThat(queue.journalFiles()).noneMatch(name -> name.endsWith(".json"));
    assertThat(queue.config.databaseFile()).as("SQLite's queue: never opened").doesNotExist();
  }

  @Test
  void whereSqliteMayNotBeLoadedEventsAlreadyInTheQueueWaitForTelemetryFlush() throws Exception {
    try (EventQueue moved = openQueueWithJournal()) {
      assertThat(moved.size()).isEqualTo(3); // as a `telemetry flush` that failed leaves them
    }
    QueueFixture commandEvent = new QueueFixture(home, collector.endpoint()).withEvents(1);
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics, false);
    await().atMost(Duration.ofSeconds(20)).until(() -> collector.uniqueEvents() == 1);

    upload.finish(20_000);

    assertThat(collector.eventIds()).containsExactlyElementsOf(commandEvent.eventIds());
    try (EventQueue left = EventQueue.open(queue.config.databaseFile())) {
      assertThat(left.size()).isEqualTo(3);
    }
    assertThat(queue.syncState().lastError()).isNull();
  }

  @Test
  void whereSqliteMayBeLoadedEventsAlreadyInTheQueueLeaveWhileTheCommandRuns() throws Exception {
    try (EventQueue moved = openQueueWithJournal()) {
      assertThat(moved.size()).isEqualTo(3);
    }
    new QueueFixture(home, collector.endpoint()).withEvents(1);
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics, true);
    await().atMost(Duration.ofSeconds(20)).until(() -> collector.uniqueEvents() == 4); // while the command runs

    upload.finish(20_000);

    try (EventQueue left = EventQueue.open(queue.config.databaseFile())) {
      assertThat(left.size()).isZero();
    }
  }

  private EventQueue openQueueWithJournal() throws Exception {
    return JournalImporter.openWithJournal(queue.config.databaseFile(), new Journal(queue.config.journalDirectory().toFile()),
        queue.config.maxQueuedEvents(), queue.time.epochMillis());
  }

  @Test
  void anUploadTheProgramsExitCutsOffHoldsTheNextDueRunsBack() throws Exception {
    collector.stall();
    long before = System.currentTimeMillis();
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics, true);
    assertThat(collector.awaitFirstRequest(20)).isTrue();

    long start = System.nanoTime();
    upload.finish(250);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    // The program exits now, with the upload under way: what it left is what the next run reads.
    SyncState state = queue.syncState();
    assertThat(waitedMillis).isBetween(240L, 1_000L);
    assertThat(state.lastError()).isEqualTo(InProcessUpload.CUT_OFF);
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt()).isBetween(before + 48_000, System.currentTimeMillis() + 72_000); // 1 min ± 20%

    collector.release(); // had the program lived on, the upload would have ended, and said so
    upload.finish(20_000);
    assertThat(collector.uniqueEvents()).isEqualTo(3);
    assertThat(queue.syncState().lastError()).isNull();
  }
}

package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue {@code sample-cli.db} corrupt, locked by another process, read-only, or deleted,
 * while collector-lite is up and every run is due ({@code TELEMETRY_KIT_FLUSH_INTERVAL=0}), so
 * each run starts an upload that meets the fault. Ordinary runs never open the queue: their output,
 * exit code and exit delay do not change. Once the fault is gone, every recorded event is stored
 * exactly once; a corrupt queue is moved aside, with the events it held (docs/configuration.md).
 */
class QueueDatabaseFaultIT {
  /** One collector for the whole class: each test's CLI has its own user id, which tells their events apart. */
  @TempDir static Path collectorDir;
  static RunningCollector collector;
  @TempDir Path dir;
  String endpoint;
  SampleCliJar cli;
  TaggedRuns runs;
  RecordedEvents recorded;
  UploadProcesses uploads;
  StoredEvents stored;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = RunningCollector.start(collectorDir);
  }

  @AfterAll
  static void stopCollector() throws Exception {
    collector.close();
  }

  @BeforeEach
  void enable() throws Exception {
    endpoint = collector.url();
    cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", endpoint).env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
    assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
    runs = new TaggedRuns(cli);
    recorded = new RecordedEvents(cli.home().dir());
    uploads = new UploadProcesses(cli.home().dir());
    stored = StoredEvents.of(collectorDir);
  }

  /** One run and its background upload, so that the queue exists, empty, before the fault. */
  private void uploadOnce() throws Exception {
    runs.run("before");
    awaitStored(1);
    uploads.awaitNone();
    assertThat(recorded.database()).exists();
  }

  @Test
  void queueThatIsNotADatabaseIsMovedAsideWithWhatItHeld() throws Exception {
    List<String> lost = queueTwoEvents();
    byte[] garbage = new byte[32768];
    Arrays.fill(garbage, (byte) 0x5a);
    EventFiles.deleteQueue(recorded.database());
    Files.write(recorded.database(), garbage);

    assertCorruptQueueMovedAside(lost, garbage);
  }

  @Test
  void queueWithDamagedPagesIsMovedAsideWithWhatItHeld() throws Exception {
    List<String> lost = queueTwoEvents();
    // The header and schema (page 1) stay intact, so the queue still opens: the damage shows only
    // when a table is read or written.
    try (RandomAccessFile file = new RandomAccessFile(recorded.database().toFile(), "rw")) {
      byte[] junk = new byte[4096];
      Arrays.fill(junk, (byte) 0xa5);
      for (long page = 1; page < file.length() / 4096; page++) {
        file.seek(page * 4096);
        file.write(junk);
      }
    }
    byte[] damaged = Files.readAllBytes(recorded.database());

    assertCorruptQueueMovedAside(lost, damaged);
  }

  /**
   * Two runs, their events moved into the queue by {@code telemetry show} and not uploaded (the
   * runs are not due); returns their ids.
   */
  private List<String> queueTwoEvents() throws Exception {
    SampleCliJar notDue = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", endpoint);
    TaggedRuns queued = new TaggedRuns(notDue);
    queued.run("queued-1");
    queued.run("queued-2");
    assertThat(notDue.runWithoutTerminal("telemetry", "show").exitCode()).isZero();
    List<String> ids = recorded.queuedIds();
    assertThat(ids).hasSize(2);
    assertThat(recorded.journalIds()).isEmpty();
    EventFiles.closeQueue(recorded.database());
    return ids;
  }

  private void assertCorruptQueueMovedAside(List<String> lost, byte[] corrupt) throws Exception {
    runs.run("corrupt-1");
    runs.run("corrupt-2");
    awaitStored(2);
    uploads.awaitNone();
    assertThat(cli.runWithoutTerminal("telemetry", "flush").text()).startsWith("Sent 0 events");

    ExactlyOnce.assertStored(stored, recorded.userId(), List.of(), runs.tags());
    assertThat(stored.eventIds(recorded.userId())).doesNotContainAnyElementsOf(lost);
    Path aside = recorded.home().resolve("sample-cli.db.corrupt");
    assertThat(aside).hasBinaryContent(corrupt);
    assertThat(cli.runWithoutTerminal("telemetry", "status").text()).contains("problems:").contains(aside.toString());
  }

  @Test
  void lockedQueueDelaysNoRunAndLosesNothing() throws Exception {
    uploadOnce();
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + recorded.database())) {
      try (Statement s = lock.createStatement()) {
        s.execute("BEGIN EXCLUSIVE"); // this process holds SQLite's write lock until it rolls back
      }
      runs.run("locked-1");
      runs.run("locked-2");
      uploads.awaitNone(); // each upload gives up after SQLite's 3 s busy timeout
      assertThat(recorded.runIds()).as("kept in the journal").hasSize(2).isSubsetOf(recorded.journalIds());
      assertThat(stored.runEventIds(recorded.userId())).hasSize(1);
      try (Statement s = lock.createStatement()) {
        s.execute("ROLLBACK");
      }
    }
    flushAndAssertAllStored(recorded.journalIds());
  }

  @Test
  void readOnlyQueueFileDelaysNoRunAndLosesNothing() throws Exception {
    uploadOnce();
    EventFiles.closeQueue(recorded.database());
    List<String> kept;
    try (ReadOnlyPath readOnly = ReadOnlyPath.of(recorded.database())) {
      runs.run("read-only-file-1");
      runs.run("read-only-file-2");
      uploads.awaitNone();
      kept = recorded.journalIds();
      assertThat(kept).as("kept in the journal").hasSize(2);
    }
    flushAndAssertAllStored(kept);
  }

  @Test
  void readOnlyDataDirectoryDelaysNoRunAndLosesNothing() throws Exception {
    uploadOnce();
    EventFiles.closeQueue(recorded.database());
    List<String> kept;
    try (ReadOnlyPath readOnly = ReadOnlyPath.of(recorded.home())) {
      runs.run("read-only-dir-1");
      runs.run("read-only-dir-2");
      uploads.awaitNone();
      kept = recorded.journalIds();
      assertThat(kept).as("kept in the journal, a directory of its own").hasSize(2);
    }
    flushAndAssertAllStored(kept);
  }

  @Test
  void queueDeletedBetweenRunsLosesNothing() throws Exception {
    uploadOnce();
    for (int i = 1; i <= 2; i++) {
      EventFiles.deleteQueue(recorded.database());
      runs.run("deleted-" + i);
      awaitStored(1 + i);
      uploads.awaitNone();
    }
    ExactlyOnce.assertStored(stored, recorded.userId(), List.of(), runs.tags());
    assertThat(recorded.allIds()).as("left in the queue").isEmpty();
  }

  private void flushAndAssertAllStored(List<String> kept) throws Exception {
    SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");
    assertThat(flush.text()).isEqualTo("Sent " + kept.size() + " events in 1 batch to " + endpoint + ".\n");
    List<String> recordedIds = new ArrayList<>(kept);
    ExactlyOnce.assertStored(stored, recorded.userId(), recordedIds, runs.tags());
    assertThat(recorded.allIds()).as("left in the queue").isEmpty();
  }

  private void awaitStored(int n) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> stored.eventIds(recorded.userId()).size() >= n);
  }
}

package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the CLI while it writes its event, and of the upload while it waits for the
 * collector.
 *
 * <p>What may be lost: a run killed before its event file was renamed into the journal recorded
 * nothing; that is the only loss allowed. What must hold: every file in the journal is a complete
 * event (half-written ones stay {@code .tmp-} files that nobody uploads), and every recorded event
 * reaches the collector exactly once, however often uploads die on the way.
 */
class CliKillFaultIT {
  /** SIGKILL seen as an exit code: 128 + 9. */
  static final int KILLED = 137;
  static final int RUNS = 30;

  @TempDir Path dir;

  @Test
  void killedWhileWritingItsEventTheCliRecordsAllOrNothing() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    SampleCliJar cli = SampleCliJar.in(dir); // not due: nothing is uploaded while runs are killed
    assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
    RecordedEvents recorded = new RecordedEvents(cli.home().dir());

    // Kill moments spread around the moment the command prints its line, just before it writes
    // its event: half by the clock, calibrated on unkilled runs (a JVM's start-up varies from run
    // to run), half triggered by the line itself.
    List<Long> toOutput = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      toOutput.add(millisToOutput(cli));
    }
    long typical = toOutput.stream().sorted().toList().get(1);
    int calibrationEvents = recorded.journalIds().size();
    assertThat(calibrationEvents).isEqualTo(3);
    int killedBefore = 0;
    int killedAfter = 0;
    int finished = 0;
    for (int i = 0; i < RUNS; i++) {
      Set<String> before = new HashSet<>(recorded.journalIds());
      TimedRun run = TimedRun.start(cli, "build");
      if (i % 2 == 0) {
        // By the clock: mostly before the command ends, some around the write, some after the exit.
        // From 60% of the calibrated time on: a busy machine stretches runs after the calibration
        // as much as a quiet one shortens them, and some kills must come before the write.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(typical * (60 + random.nextInt(75)) / 100));
      } else {
        // Right after the command's line: the event is being written, or has just been.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
            .until(() -> run.outputSoFar().contains("Built project") || !run.process().isAlive());
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(5_000)));
      }
      run.process().destroyForcibly();
      TimedRun.Result result = run.finish();

      List<String> after = recorded.journalIds(); // also checks each file holds the whole event it names
      Set<String> added = new HashSet<>(after);
      added.removeAll(before);
      assertThat(after).containsAll(before);
      if (result.exitCode() == KILLED) {
        assertThat(added).as("run %d (seed %d), killed: all or nothing", i, seed).hasSizeLessThanOrEqualTo(1);
        if (added.isEmpty()) {
          killedBefore++;
        } else {
          killedAfter++;
        }
      } else {
        assertThat(result.exitCode()).as("run %d, not killed in time", i).isZero();
        assertThat(added).as("run %d (seed %d), ended normally", i, seed).hasSize(1);
        finished++;
      }
    }
    List<String> recordedIds = recorded.journalIds();
    List<Path> unfinished = recorded.unfinishedWrites();
    System.out.printf("kill -9 while writing (seed %d, output after %d ms): %d killed before the rename,"
        + " %d killed after it, %d ended first; %d unfinished .tmp files%n",
        seed, typical, killedBefore, killedAfter, finished, unfinished.size());
    assertThat(killedBefore).as("kills that came before the event was written (seed %d)", seed).isPositive();
    assertThat(killedAfter).as("kills that came after the event was written (seed %d)", seed).isPositive();
    assertThat(recordedIds).hasSize(calibrationEvents + killedAfter + finished);

    try (RunningCollector collector = RunningCollector.start(dir)) {
      SampleCliJar.Output flush =
          cli.env("TELEMETRY_KIT_ENDPOINT", collector.url()).runWithoutTerminal("telemetry", "flush");

      assertThat(flush.text())
          .isEqualTo("Sent " + recordedIds.size() + " events in 1 batch to " + collector.url() + ".\n");
      List<String> stored = StoredEvents.of(dir).eventIds(recorded.userId());
      assertThat(stored).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recordedIds);
      assertThat(cli.runWithoutTerminal("telemetry", "status").text()).doesNotContain("dropped:");
      for (Path tmp : unfinished) {
        assertThat(tmp).as("a half-written event is neither uploaded nor deleted before it is an hour old").exists();
      }
    }
  }

  /** Milliseconds from the start of an unkilled run to its line of output. */
  private static long millisToOutput(SampleCliJar cli) throws Exception {
    TimedRun run = TimedRun.start(cli, "build");
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
        .until(() -> run.outputSoFar().contains("Built project"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(run.finish().exitCode()).isZero();
    return millis;
  }

  @Test
  void killedUploadsLoseNothingAndSendNothingTwice() throws Exception {
    int port = FaultyCollector.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", endpoint);
    assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
    RecordedEvents recorded = new RecordedEvents(cli.home().dir());
    UploadProcesses uploads = new UploadProcesses(cli.home().dir());
    TaggedRuns runs = new TaggedRuns(cli);
    for (int i = 1; i <= 4; i++) {
      runs.run("queued-" + i); // not due: they wait in the journal
    }
    List<String> recordedIds = new ArrayList<>(recorded.journalIds());
    assertThat(recordedIds).hasSize(4);

    try (FaultyCollector stalled = FaultyCollector.stalling(port, 20_000)) {
      // A foreground flush killed in the middle of its request.
      TimedRun flush = TimedRun.start(cli, "telemetry", "flush");
      await().atMost(Duration.ofSeconds(20)).until(() -> stalled.batchesReceived() == 1);
      flush.process().destroyForcibly();
      assertThat(flush.finish().exitCode()).isEqualTo(KILLED);
      assertThat(recorded.queuedIds()).as("claimed by the dead flush, still queued")
          .containsExactlyInAnyOrderElementsOf(recordedIds);

      // A background upload, started by a due run, killed in the middle of its request.
      TaggedRuns due = new TaggedRuns(SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", endpoint)
          .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0"));
      due.run("due-1");
      await().atMost(Duration.ofSeconds(20)).until(() -> stalled.batchesReceived() == 2);
      List<ProcessHandle> upload = uploads.running();
      assertThat(upload).hasSize(1);
      assertThat(UploadProcesses.session(upload.get(0).pid()))
          .as("its own session, out of reach of the terminal's hangup")
          .isEqualTo(upload.get(0).pid())
          .isNotEqualTo(UploadProcesses.session(ProcessHandle.current().pid()));
      upload.get(0).destroyForcibly();
      uploads.awaitNone();
    }
    List<String> kept = recorded.allIds(); // with the inventory the due run added
    assertThat(kept).doesNotHaveDuplicates().containsAll(recordedIds);
    assertThat(recorded.runIds()).hasSize(5);

    try (RunningCollector collector = RunningCollector.start(dir, port)) {
      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.text()).isEqualTo("Sent " + kept.size() + " events in 1 batch to " + endpoint + ".\n");
      List<String> tags = new ArrayList<>(runs.tags());
      tags.add("due-1");
      ExactlyOnce.assertStored(StoredEvents.of(dir), recorded.userId(), kept, tags);
      assertThat(recorded.allIds()).as("left in the queue").isEmpty();
      assertThat(Files.exists(recorded.database())).isTrue();
    }
  }
}

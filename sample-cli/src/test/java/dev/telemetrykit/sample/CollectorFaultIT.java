package dev.telemetrykit.sample;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is down, stalls, answers 500 or answers 429: every run of the CLI ends as usual
 * within the exit bound, the queue keeps every event, the upload backs off as docs/sync.md says,
 * and once collector-lite runs at that address every event is stored exactly once.
 *
 * <p>Every run is due ({@code TELEMETRY_KIT_FLUSH_INTERVAL=0}), so each one that is not in backoff
 * starts an upload that meets the fault.
 */
class CollectorFaultIT {
  /** Backoff after a first failure: 1 min, spread by ±20% (docs/sync.md). */
  static final long FIRST_BACKOFF_MIN_MILLIS = 48_000;
  static final long FIRST_BACKOFF_MAX_MILLIS = 72_000;

  @TempDir Path dir;
  int port;
  String endpoint;
  SampleCliJar cli;
  TaggedRuns runs;
  RecordedEvents recorded;
  UploadProcesses uploads;
  SyncFile enabled;

  @BeforeEach
  void enable() throws Exception {
    port = FaultyCollector.freePort();
    endpoint = "http://127.0.0.1:" + port;
    cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", endpoint).env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
    assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
    runs = new TaggedRuns(cli);
    recorded = new RecordedEvents(cli.home().dir());
    uploads = new UploadProcesses(cli.home().dir());
    enabled = SyncFile.read(recorded.home());
  }

  @Test
  void collectorDownKeepsEverythingAndBacksOff() throws Exception {
    runs.run("down-1");
    uploads.awaitAttemptAfter(enabled);
    SyncFile failed = SyncFile.read(recorded.home());
    assertThat(failed.failures()).isEqualTo(1);
    assertThat(failed.lastError()).isEqualTo("cannot reach " + endpoint + " (ConnectException)");
    assertThat(failed.backoffMillis()).isBetween(FIRST_BACKOFF_MIN_MILLIS, FIRST_BACKOFF_MAX_MILLIS);

    runs.run("down-2");
    runs.run("down-3");
    uploads.awaitNone();
    assertThat(SyncFile.read(recorded.home())).as("no upload was tried in backoff").isEqualTo(failed);

    repairAndFlush();
  }

  @Test
  void collectorStalledForTenSecondsDelaysNoRun() throws Exception {
    try (FaultyCollector stalled = FaultyCollector.stalling(port, 10_000)) {
      runs.run("stall-1");
      await().atMost(Duration.ofSeconds(20)).until(() -> stalled.batchesReceived() == 1);
      // The upload now waits on the collector. These runs end as usual, and start no other upload
      // process: it could only find the flush lock taken and exit.
      try (UploadProcesses.Census census = uploads.census()) {
        runs.run("stall-2");
        runs.run("stall-3");
        assertThat(census.mostAtOnce()).as("upload processes alive at once").isEqualTo(1);
      }
      assertThat(stalled.batchesReceived()).isEqualTo(1);
    } // closing the collector cuts the stalled request: the upload releases its batch and ends
    uploads.awaitNone();
    SyncFile failed = SyncFile.read(recorded.home());
    assertThat(failed.failures()).isEqualTo(1);
    assertThat(failed.backoffMillis()).isBetween(FIRST_BACKOFF_MIN_MILLIS, FIRST_BACKOFF_MAX_MILLIS);

    repairAndFlush();
  }

  @Test
  void collectorAnswering500KeepsEverythingAndBacksOff() throws Exception {
    try (FaultyCollector failing = FaultyCollector.answering(port, aResponse().withStatus(500))) {
      runs.run("error-1");
      uploads.awaitAttemptAfter(enabled);
      SyncFile failed = SyncFile.read(recorded.home());
      assertThat(failed.failures()).isEqualTo(1);
      assertThat(failed.lastError()).isEqualTo("the collector answered 500 Internal Server Error; retrying later");
      assertThat(failed.backoffMillis()).isBetween(FIRST_BACKOFF_MIN_MILLIS, FIRST_BACKOFF_MAX_MILLIS);

      runs.run("error-2");
      runs.run("error-3");
      // An upload started by a run that read the schedule before the failure: it must see the backoff.
      uploads.awaitNone();
      Process late = lateUpload();
      assertThat(late.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(failing.batchesReceived()).as("batches sent: none in backoff").isEqualTo(1);
    }
    repairAndFlush();
  }

  @Test
  void collectorAnswering429IsRetriedAfterRetryAfterByAnOrdinaryRun() throws Exception {
    try (FaultyCollector limited = FaultyCollector.answering(port,
        aResponse().withStatus(429).withHeader("Retry-After", "5"))) {
      runs.run("limited-1");
      uploads.awaitAttemptAfter(enabled);
      SyncFile failed = SyncFile.read(recorded.home());
      assertThat(failed.lastError()).isEqualTo("the collector answered 429 Too Many Requests; retrying later");
      assertThat(failed.backoffMillis()).as("Retry-After: 5 replaces the 1 min backoff").isEqualTo(5_000);

      runs.run("limited-2");
      uploads.awaitNone();
      assertThat(limited.batchesReceived()).as("batches sent: none before Retry-After").isEqualTo(1);
      assertThat(System.currentTimeMillis()).as("still within Retry-After").isLessThan(failed.nextAttempt());
    }
    List<String> before = recorded.allIds();
    assertThat(before).doesNotHaveDuplicates();
    assertThat(recorded.runIds()).hasSize(2);

    try (RunningCollector collector = RunningCollector.start(dir, port)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> System.currentTimeMillis() > SyncFile.read(recorded.home()).nextAttempt());
      runs.run("limited-3"); // due again: its background upload sends all three
      await().atMost(Duration.ofSeconds(30)).until(() -> StoredEvents.of(dir).runEventIds(recorded.userId()).size() == 3);
      uploads.awaitNone();

      ExactlyOnce.assertStored(StoredEvents.of(dir), recorded.userId(), before, runs.tags());
      assertThat(recorded.allIds()).as("left in the queue").isEmpty();
    }
  }

  /**
   * The upload process exactly as a due run starts it (docs/sync.md), with the CLI's environment:
   * what a run that found the tool due, before another upload failed, leaves behind.
   */
  private Process lateUpload() throws Exception {
    ProcessBuilder builder = cli.processBuilder();
    List<String> command = new ArrayList<>(List.of(builder.command().get(0), "-cp",
        Path.of("target", "sample-cli.jar").toAbsolutePath().toString(),
        "dev.telemetrykit.picocli.internal.sync.FlushMain", "sample-cli", "http://127.0.0.1:8080", "1", "10000", "3600",
        "100"));
    return builder.command(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** Starts collector-lite where the faulty one was and uploads in the foreground. */
  private void repairAndFlush() throws Exception {
    List<String> before = recorded.allIds(); // the runs' events, and the inventory of the first due run
    assertThat(before).as("recorded and kept").doesNotHaveDuplicates();
    assertThat(recorded.runIds()).as("runs' events recorded and kept").hasSize(runs.tags().size());
    try (RunningCollector collector = RunningCollector.start(dir, port)) {
      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.text()).isEqualTo("Sent " + before.size() + " events in 1 batch to " + endpoint + ".\n");
      ExactlyOnce.assertStored(StoredEvents.of(dir), recorded.userId(), before, runs.tags());
      assertThat(recorded.allIds()).as("left in the queue").isEmpty();
    }
    System.out.println(getClass().getSimpleName() + " exit delays (ms): " + runs.exitDelays());
  }
}

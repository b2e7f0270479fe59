package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen runs of the CLI at once, all due, so sixteen processes write the journal and try to
 * start an upload at the same moment: one of them starts it, the others start none, and every
 * event is stored exactly once.
 *
 * <p>Exit delays: sixteen JVMs ending at once on two cores (and the upload processes they start)
 * stretch every exit, with or without telemetry: plain runs among them took from 0.1 s to 4.9 s
 * from their last line to their end. No fixed bound fits that, so eight plain runs
 * ({@code DO_NOT_TRACK=1}) run among the sixteen, on the same crowded machine, and no granted run
 * may exceed the slowest of them by more than the usual bound ({@link TaggedRuns#EXIT_BOUND_MILLIS}),
 * nor their median by more than that.
 */
class ConcurrentCliFaultIT {
  static final int RUNS = 16;
  /** Only output and exit code are checked run by run; the exit delays are compared as a whole. */
  static final long NO_SINGLE_BOUND = 60_000;

  @TempDir Path dir;

  @Test
  void sixteenRunsAtOnceAreEachStoredOnce() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir)) {
      SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", collector.url())
          .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
      assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
      RecordedEvents recorded = new RecordedEvents(cli.home().dir());
      // Plain runs (DO_NOT_TRACK=1) started among them share the same crowded machine.
      TaggedRuns plain = new TaggedRuns(SampleCliJar.in(dir).env("DO_NOT_TRACK", "1")).exitBound(NO_SINGLE_BOUND);
      TaggedRuns runs = new TaggedRuns(cli).exitBound(NO_SINGLE_BOUND);
      List<TimedRun> started = new ArrayList<>();
      List<TimedRun> plainStarted = new ArrayList<>();
      UploadProcesses uploads = new UploadProcesses(cli.home().dir());
      int mostUploadsAtOnce;
      try (UploadProcesses.Census census = uploads.census()) {
        for (int i = 0; i < RUNS; i++) {
          started.add(runs.start("parallel-" + i));
          if (i % 2 == 1) {
            plainStarted.add(plain.start("plain-" + i / 2));
          }
        }
        for (int i = 0; i < RUNS; i++) {
          runs.finished("parallel-" + i, started.get(i).finish());
        }
        for (int i = 0; i < plainStarted.size(); i++) {
          plain.finished("plain-" + i, plainStarted.get(i).finish());
        }
        mostUploadsAtOnce = census.mostAtOnce();
      }
      uploads.awaitNone();
      // Events written after the last upload's last look at the journal wait for the next one.
      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.exitCode()).as(flush.text()).isZero();
      ExactlyOnce.assertStored(StoredEvents.of(dir), recorded.userId(), List.of(), runs.tags());
      assertThat(recorded.allIds()).as("left in the queue").isEmpty();
      // One upload process for the burst; a second only if the first ended while runs still did.
      assertThat(mostUploadsAtOnce).as("upload processes alive at once").isBetween(1, 2);
      System.out.println("16 at once, exit delays (ms): plain " + plain.exitDelays()
          + ", granted " + runs.exitDelays());
      assertThat(median(runs.exitDelays())).as("median exit delay, granted (ms)")
          .isLessThanOrEqualTo(median(plain.exitDelays()) + TaggedRuns.EXIT_BOUND_MILLIS);
      assertThat(runs.exitDelays()).as("exit delays, granted (ms)")
          .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(max(plain.exitDelays()) + TaggedRuns.EXIT_BOUND_MILLIS));
    }
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}

package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen runs of the CLI at once, all due, so sixteen processes write the journal and try to
 * start an upload at the same moment: one upload at a time sends, the others yield, and every
 * event is stored exactly once.
 *
 * <p>Exit delays: sixteen JVMs ending at once on two cores stretch every exit, with or without
 * telemetry (plain runs measured here took up to 1.35 s from their last line to their end). So
 * the runs are compared with sixteen plain runs ({@code DO_NOT_TRACK=1}) started the same way:
 * the median may exceed theirs by the usual bound, and no run may take {@link #CEILING_MILLIS},
 * below every wait a run must never make (SQLite's 3 s busy timeout, the 5 s connect timeout,
 * a collector's 10 s stall).
 */
class ConcurrentCliFaultIT {
  static final int RUNS = 16;
  static final long CEILING_MILLIS = 3_000;

  @TempDir Path dir;

  @Test
  void sixteenRunsAtOnceAreEachStoredOnce() throws Exception {
    try (RunningCollector collector = RunningCollector.start(dir)) {
      SampleCliJar cli = SampleCliJar.in(dir).env("TELEMETRY_KIT_ENDPOINT", collector.url())
          .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
      assertThat(cli.runWithoutTerminal("telemetry", "enable").exitCode()).isZero();
      RecordedEvents recorded = new RecordedEvents(cli.home().dir());
      TaggedRuns plain = new TaggedRuns(SampleCliJar.in(dir).env("DO_NOT_TRACK", "1")).exitBound(CEILING_MILLIS);
      List<TimedRun> plainStarted = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        plainStarted.add(plain.start("plain-" + i));
      }
      for (int i = 0; i < RUNS; i++) {
        plain.finished("plain-" + i, plainStarted.get(i).finish());
      }
      TaggedRuns runs = new TaggedRuns(cli).exitBound(CEILING_MILLIS);

      List<TimedRun> started = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        started.add(runs.start("parallel-" + i));
      }
      for (int i = 0; i < RUNS; i++) {
        runs.finished("parallel-" + i, started.get(i).finish());
      }
      new UploadProcesses(cli.home().dir()).awaitNone();
      // Events written after the last upload's last look at the journal wait for the next one.
      SampleCliJar.Output flush = cli.runWithoutTerminal("telemetry", "flush");

      assertThat(flush.exitCode()).as(flush.text()).isZero();
      ExactlyOnce.assertStored(StoredEvents.of(dir), recorded.userId(), List.of(), runs.tags());
      assertThat(recorded.allIds()).as("left in the queue").isEmpty();
      System.out.println("16 at once, exit delays (ms): plain " + plain.exitDelays() + ", granted " + runs.exitDelays());
      assertThat(median(runs.exitDelays())).as("median exit delay, granted (ms)")
          .isLessThanOrEqualTo(median(plain.exitDelays()) + TaggedRuns.EXIT_BOUND_MILLIS);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}

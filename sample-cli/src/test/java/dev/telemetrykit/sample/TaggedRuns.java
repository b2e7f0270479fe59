package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs of {@code sample-cli deploy --region <tag> --dry-run}, each with its own tag. The region is
 * a {@code @TelemetrySafe} option, so each event carries its run's tag to the collector: a test
 * can tell which run a stored event came from, whenever the upload happened.
 *
 * <p>Each run must print and return exactly what the command does without telemetry, and end
 * within the exit bound after its last line.
 */
final class TaggedRuns {
  /** {@code @TelemetryEnabled(exitWaitMillis)}'s default, which sample-cli keeps. */
  static final long EXIT_WAIT_MILLIS = 250;
  /**
   * On top of the exit wait: the JVM's own exit and scheduling on a shared 2-core machine. The
   * waits a CLI must never do after its command are all far longer: a stalled collector 10 s,
   * the connect timeout 5 s, SQLite's busy timeout 3 s.
   */
  static final long MARGIN_MILLIS = 750;
  static final long EXIT_BOUND_MILLIS = EXIT_WAIT_MILLIS + MARGIN_MILLIS;

  private final SampleCliJar cli;
  private long exitBoundMillis = EXIT_BOUND_MILLIS;
  private final List<String> tags = new ArrayList<>();
  private final List<TimedRun.Result> results = new ArrayList<>();

  TaggedRuns(SampleCliJar cli) {
    this.cli = cli;
  }

  /** Holds every later run to {@code millis} instead of {@link #EXIT_BOUND_MILLIS}. */
  TaggedRuns exitBound(long millis) {
    exitBoundMillis = millis;
    return this;
  }

  static String[] args(String tag) {
    return new String[] {"deploy", "--region", tag, "--dry-run"};
  }

  /** What the command prints without telemetry. */
  static String expectedOutput(String tag) {
    return "Would deploy to " + tag + "...\nDry run finished: 3 services would change.\n";
  }

  /** Runs the command once and checks its output, exit code and exit delay. */
  TimedRun.Result run(String tag) throws IOException, InterruptedException {
    return finished(tag, TimedRun.start(cli, args(tag)).finish());
  }

  /** Starts a run without waiting; pass it to {@link #finished} with its tag. */
  TimedRun start(String tag) throws IOException {
    return TimedRun.start(cli, args(tag));
  }

  /** Checks a run started with {@link #start}. */
  TimedRun.Result finished(String tag, TimedRun.Result r) {
    assertThat(r.out()).as("output of run %s", tag).isEqualTo(expectedOutput(tag));
    assertThat(r.exitCode()).as("exit code of run %s", tag).isZero();
    assertThat(r.exitDelayMillis()).as("exit delay of run %s (ms)", tag).isLessThanOrEqualTo(exitBoundMillis);
    tags.add(tag);
    results.add(r);
    return r;
  }

  /** The tags of every run so far: one recorded event each. */
  List<String> tags() {
    return List.copyOf(tags);
  }

  /** Exit delays of every run so far, in ms, for the report. */
  List<Long> exitDelays() {
    return results.stream().map(TimedRun.Result::exitDelayMillis).toList();
  }
}

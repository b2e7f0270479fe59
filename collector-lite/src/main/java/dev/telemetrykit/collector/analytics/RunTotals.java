package dev.telemetrykit.collector.analytics;

/**
 * Command runs summed over days: their duration histogram and how many succeeded. Not thread-safe:
 * one per query.
 */
public final class RunTotals {
  private final DurationHistogram durations = new DurationHistogram();
  private long successes;
  private long durationSum;

  /** Adds {@code runs} runs of one duration bucket, {@code successfulRuns} of them successful. */
  public void add(int bucket, long runs, long successfulRuns, long durationMs) {
    durations.add(bucket, runs);
    successes += successfulRuns;
    durationSum += durationMs;
  }

  /** Adds everything {@code other} holds. */
  public void addAll(RunTotals other) {
    other.durations.forEach(durations::add);
    successes += other.successes;
    durationSum += other.durationSum;
  }

  /** All runs. */
  public long runs() {
    return durations.total();
  }

  /** Runs that did not succeed. */
  public long failures() {
    return durations.total() - successes;
  }

  /** Runs that succeeded. */
  public long successes() {
    return successes;
  }

  /** The summed duration in milliseconds, for the mean. */
  public long durationSum() {
    return durationSum;
  }

  /** The duration histogram. */
  public DurationHistogram durations() {
    return durations;
  }
}

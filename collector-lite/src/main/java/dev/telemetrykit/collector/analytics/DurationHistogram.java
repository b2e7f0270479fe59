package dev.telemetrykit.collector.analytics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run counts per {@link DurationBuckets duration bucket}, summed over days, from which percentiles
 * are read. Not thread-safe: one per query.
 */
public final class DurationHistogram {
  private final TreeMap<Integer, Long> counts = new TreeMap<>();
  private long total;

  /** Adds {@code runs} runs in {@code bucket}. */
  public void add(int bucket, long runs) {
    counts.merge(bucket, runs, Long::sum);
    total += runs;
  }

  /** How many runs were added. */
  public long total() {
    return total;
  }

  /**
   * The nearest-rank percentile: the reported duration of the bucket that holds the
   * {@code ceil(percent / 100 * total)}-th shortest run, or null when there are no runs.
   *
   * @param percent 1 to 100, e.g. 95
   */
  public Long percentile(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("percent must be between 1 and 100, was " + percent);
    }
    if (total == 0) {
      return null;
    }
    // Integer arithmetic: 0.95 * 20 in floating point is not exactly 19.
    long rank = Math.max(1, (percent * total + 99) / 100);
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return DurationBuckets.representative(bucket.getKey());
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + total + " runs"); // cannot happen
  }
}

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

  /** Calls {@code action} with each bucket and its runs, shortest bucket first. */
  public void forEach(java.util.function.BiConsumer<Integer, Long> action) {
    counts.forEach(action);
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

  /**
   * The percentile read between bucket bounds: the run of rank {@code fraction * total} is placed
   * inside its bucket as if the bucket's runs were spread evenly on a log scale. Closer to the exact
   * value than {@link #percentile(int)} when the bucket holds many runs; null when there are none.
   *
   * @param fraction 0 to 1, e.g. 0.95
   */
  public Double interpolatedPercentile(double fraction) {
    if (total == 0) {
      return null;
    }
    double rank = fraction * total;
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
      long inBucket = bucket.getValue();
      if (seen + inBucket >= rank && inBucket > 0) {
        int b = bucket.getKey();
        if (b <= 0) {
          return 0.0;
        }
        double within = Math.max(0, Math.min(1, (rank - seen) / inBucket));
        return DurationBuckets.lowerBound(b) * Math.pow(DurationBuckets.lowerBound(b + 1) / DurationBuckets.lowerBound(b), within);
      }
      seen += inBucket;
    }
    return (double) DurationBuckets.representative(counts.lastKey());
  }

  /** Runs in buckets above {@code bucket}. */
  public long above(int bucket) {
    return counts.tailMap(bucket, false).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The bucket that holds the nearest-rank percentile, or -1 without runs. */
  public int percentileBucket(int percent) {
    long rank = Math.max(1, (percent * total + 99) / 100);
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return bucket.getKey();
      }
    }
    return -1;
  }

  /**
   * The Mann-Whitney rank-sum statistic of {@code later} against this histogram, as a z-score with
   * the correction for ties (runs in the same bucket are ties): positive when {@code later}'s runs
   * tend to be slower. 0 when either side has no runs.
   */
  public double rankSumZ(DurationHistogram later) {
    long n0 = total;
    long n1 = later.total;
    if (n0 == 0 || n1 == 0) {
      return 0;
    }
    double u = 0; // pairs (baseline run, later run) in which the later run is slower; a tie counts half
    double ties = 0; // sum of t^3 - t over the tied groups (buckets) of both samples together
    long baselineBelow = 0;
    TreeMap<Integer, long[]> both = new TreeMap<>();
    counts.forEach((b, c) -> both.computeIfAbsent(b, k -> new long[2])[0] += c);
    later.counts.forEach((b, c) -> both.computeIfAbsent(b, k -> new long[2])[1] += c);
    for (long[] pair : both.values()) {
      u += pair[1] * (baselineBelow + 0.5 * pair[0]);
      baselineBelow += pair[0];
      double t = pair[0] + pair[1];
      ties += t * t * t - t;
    }
    double n = n0 + n1;
    double mean = n0 * (double) n1 / 2;
    double variance = n0 * (double) n1 / 12 * ((n + 1) - ties / (n * (n - 1)));
    return variance <= 0 ? 0 : (u - mean) / Math.sqrt(variance);
  }
}

package dev.telemetrykit.collector.analytics;

/**
 * The fixed log-scale buckets that command durations are counted in, so that p50 and p95 over any
 * date range come from summed daily counts instead of from every event.
 *
 * <p>Bucket 0 holds 0 ms; bucket {@code b >= 1} holds durations {@code d} with
 * {@code 2^((b-1)/4) <= d < 2^(b/4)}: four buckets per doubling, so a bucket's upper bound is
 * 19% above its lower bound. A bucket is reported as the geometric middle of its bounds, which is
 * within {@value #MAX_RELATIVE_ERROR_PERCENT}% of every duration in it, rounded to whole milliseconds
 * (so within 9.1% + 0.5 ms), and clamped to the whole milliseconds the bucket can hold: durations up
 * to 7 ms are each alone in their bucket and reported exactly. The numbering is stored in the rollup
 * tables: changing it needs a migration that rebuilds them.
 */
public final class DurationBuckets {
  /** Buckets per doubling of the duration. */
  static final int PER_DOUBLING = 4;
  /**
   * Largest distance, in percent, between a bucket's middle and any duration in it; rounding the
   * reported value to whole milliseconds adds up to 0.5 ms.
   */
  public static final double MAX_RELATIVE_ERROR_PERCENT = 9.1; // 2^(1/8) - 1 = 9.05 %

  private DurationBuckets() {}

  /** The bucket of a duration in milliseconds; negative durations count as 0. */
  public static int bucketOf(long durationMs) {
    if (durationMs <= 0) {
      return 0;
    }
    int bucket = (int) Math.floor(PER_DOUBLING * Math.log(durationMs) / Math.log(2)) + 1;
    // The logarithm may land a hair off at exact powers of two; the bounds decide.
    while (bucket > 1 && durationMs < lowerBound(bucket)) {
      bucket--;
    }
    while (durationMs >= lowerBound(bucket + 1)) {
      bucket++;
    }
    return bucket;
  }

  /** The duration reported for a bucket, in whole milliseconds. */
  public static long representative(int bucket) {
    if (bucket <= 0) {
      return 0;
    }
    double lower = lowerBound(bucket);
    double upper = lowerBound(bucket + 1);
    long smallest = (long) Math.ceil(lower);
    long largest = Math.max(smallest, (long) Math.ceil(upper) - 1);
    long middle = Math.round(Math.sqrt(lower * upper));
    return Math.min(largest, Math.max(smallest, middle));
  }

  /** The shortest duration a bucket {@code >= 1} holds, in milliseconds (not rounded). */
  static double lowerBound(int bucket) {
    return Math.pow(2, (bucket - 1) / (double) PER_DOUBLING);
  }
}

package dev.telemetrykit.benchmarks.analytics;

import java.util.Arrays;

/** Timings of one report: median, p95 (nearest rank) and max, in milliseconds. */
record Latency(double medianMs, double p95Ms, double maxMs, int runs) {
  static Latency of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    long p95 = sorted[(int) Math.ceil(0.95 * n) - 1];
    return new Latency(median / 1e6, p95 / 1e6, sorted[n - 1] / 1e6, n);
  }
}

package dev.telemetrykit.benchmarks.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the dashboard's reports over HTTP: warm-up rounds, then timed rounds that request every
 * report once in turn, so that a burst of load from other processes spreads over all reports
 * instead of spoiling one.
 */
final class ReportTimer {
  /** One report: a label and its request path. */
  record Report(String label, String path) {}

  private ReportTimer() {}

  static Map<Report, Latency> time(AnalyticsClient client, List<Report> reports, int warmups, int runs) {
    for (int round = 0; round < warmups; round++) {
      reports.forEach(report -> client.get(report.path()));
    }
    Map<Report, long[]> nanos = new LinkedHashMap<>();
    reports.forEach(report -> nanos.put(report, new long[runs]));
    for (int round = 0; round < runs; round++) {
      for (Report report : reports) {
        long start = System.nanoTime();
        client.get(report.path());
        nanos.get(report)[round] = System.nanoTime() - start;
      }
    }
    Map<Report, Latency> result = new LinkedHashMap<>();
    nanos.forEach((report, times) -> result.put(report, Latency.of(times)));
    return result;
  }
}

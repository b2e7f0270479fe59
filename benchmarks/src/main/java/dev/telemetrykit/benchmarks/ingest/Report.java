package dev.telemetrykit.benchmarks.ingest;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results table, the targets, and the check that every acknowledged event was stored once. */
final class Report {
  private static final double SQLITE_TARGET = 50_000;
  private static final double POSTGRESQL_TARGET = 30_000;
  private static final double RATIO_TARGET = 0.5;

  private Report() {}

  /** Prints the table and the checks; returns whether every count matched. */
  static boolean print(Map<IngestTarget, IngestBenchmark.Tally> tallies, String loadAverage) throws SQLException {
    double base = Double.NaN;
    System.out.println();
    System.out.printf(Locale.ROOT, "| target | median events/s | min | max | ratio to parse-only | machine cores busy"
        + " | JVM cores | writer thread cores | sender cores |%n|---|---|---|---|---|---|---|---|---|%n");
    for (Map.Entry<IngestTarget, IngestBenchmark.Tally> entry : tallies.entrySet()) {
      List<LoadRun.Result> runs = entry.getValue().measured;
      double median = median(runs.stream().mapToDouble(LoadRun.Result::eventsPerSecond).toArray());
      if (!entry.getKey().keepsEvents()) {
        base = median;
      }
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", entry.getKey().name,
          median, runs.stream().mapToDouble(LoadRun.Result::eventsPerSecond).min().orElse(0),
          runs.stream().mapToDouble(LoadRun.Result::eventsPerSecond).max().orElse(0), median / base,
          median(runs.stream().mapToDouble(r -> r.machine().machineCores()).toArray()),
          median(runs.stream().mapToDouble(r -> r.machine().jvmCores()).toArray()),
          median(runs.stream().mapToDouble(r -> r.machine().writerCores()).toArray()),
          median(runs.stream().mapToDouble(LoadRun.Result::senderCores).toArray()));
    }
    System.out.println();
    System.out.println("load average after: " + loadAverage);
    boolean exact = true;
    for (Map.Entry<IngestTarget, IngestBenchmark.Tally> entry : tallies.entrySet()) {
      IngestTarget target = entry.getKey();
      IngestBenchmark.Tally tally = entry.getValue();
      double median = median(tally.measured.stream().mapToDouble(LoadRun.Result::eventsPerSecond).toArray());
      if (!target.keepsEvents()) {
        continue;
      }
      long[] stored = target.storedCounts();
      long expected = tally.acknowledged - tally.duplicates;
      boolean ok = tally.duplicates == 0 && stored[0] == expected && stored[1] == expected;
      exact &= ok;
      System.out.printf(Locale.ROOT, "%s: %,d events acknowledged (%d duplicates), %,d rows stored, rollups count"
          + " %,d: %s%n", target.name, tally.acknowledged, tally.duplicates, stored[0], stored[1],
          ok ? "every event stored exactly once" : "MISMATCH");
      double goal = target.name.equals("SQLite") ? SQLITE_TARGET : POSTGRESQL_TARGET;
      System.out.printf(Locale.ROOT, "  target >= %,.0f events/s: %s (%,.0f); >= %.0f%% of parse-only: %s (%.0f%%)%n",
          goal, median >= goal ? "met" : "MISSED", median, RATIO_TARGET * 100,
          median / base >= RATIO_TARGET ? "met" : "MISSED", 100 * median / base);
    }
    return exact;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}

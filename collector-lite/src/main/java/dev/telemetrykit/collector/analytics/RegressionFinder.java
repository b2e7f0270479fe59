package dev.telemetrykit.collector.analytics;

import dev.telemetrykit.collector.analytics.Analytics.Regression;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the commands a release made flakier or slower than the release before it. A regression is
 * reported only when it is both material (a minimum ratio) and credible (a one-sided test at a
 * small false-alarm rate, with a minimum number of runs on both sides); docs/analytics-api.md
 * explains the choice of tests and thresholds.
 *
 * <p>Each command of each version is compared with the nearest earlier version (by first
 * appearance) that has at least {@link #MIN_RUNS} runs of the same command. At most one failure
 * finding and one duration finding (p50, else p95) is reported per version and command.
 */
public final class RegressionFinder {
  /** Runs of the command needed on each side before anything is tested. */
  public static final int MIN_RUNS = 100;
  /**
   * Failed runs the version would have at the command's usual failure rate, needed before its
   * failure rate is tested: with fewer, even a doubled rate could not reach {@link #FAILURE_Z}
   * reliably, so such tests could only add false alarms.
   */
  public static final double MIN_EXPECTED_FAILURES = 25;
  /** A failure rate at least this many times the usual one (every other version's) is material... */
  public static final double MIN_FAILURE_RATIO = 1.3;
  /** ...if it is also this many times the predecessor's (not a regression kept from it)... */
  public static final double MIN_FAILURE_RATIO_TO_PREDECESSOR = 1.2;
  /** ...and at least one percentage point above the usual rate. */
  public static final double MIN_FAILURE_INCREASE = 0.01;
  /** One-sided two-proportion z-score needed for failure rates (p below 0.0005). */
  public static final double FAILURE_Z = 3.3;
  /** A p50 or p95 at least this many times the baseline's is material. */
  public static final double MIN_DURATION_RATIO = 1.3;
  /**
   * z-score needed for durations (p below 0.00003): duration tests have thousands of runs of
   * power, so a strict level costs nothing and keeps false alarms away.
   */
  public static final double DURATION_Z = 4.0;

  private RegressionFinder() {}

  /**
   * The regressions among {@code versions}.
   *
   * @param versions version names, oldest first appearance first
   * @param runs each version's runs per command (versions without runs may be missing)
   */
  public static List<Regression> find(List<String> versions, Map<String, Map<String, RunTotals>> runs) {
    // Per command, runs and failures over every version: what "usual" is measured against.
    Map<String, long[]> all = new HashMap<>();
    runs.values().forEach(commands -> commands.forEach((command, totals) -> {
      long[] sums = all.computeIfAbsent(command, c -> new long[2]);
      sums[0] += totals.runs();
      sums[1] += totals.failures();
    }));
    List<Regression> found = new ArrayList<>();
    for (int v = 1; v < versions.size(); v++) {
      String version = versions.get(v);
      for (Map.Entry<String, RunTotals> command : runs.getOrDefault(version, Map.of()).entrySet()) {
        RunTotals candidate = command.getValue();
        String baselineVersion = candidate.runs() < MIN_RUNS ? null : baselineVersion(versions, v, command.getKey(), runs);
        if (baselineVersion == null) {
          continue;
        }
        RunTotals baseline = runs.get(baselineVersion).get(command.getKey());
        long[] sums = all.get(command.getKey());
        long[] others = {sums[0] - candidate.runs(), sums[1] - candidate.failures()};
        Regression failures = moreFailures(version, baselineVersion, command.getKey(), baseline, others, candidate);
        if (failures != null) {
          found.add(failures);
        }
        Regression slower = slowerMedian(version, baselineVersion, command.getKey(), baseline, candidate);
        if (slower == null) {
          slower = slowerTail(version, baselineVersion, command.getKey(), baseline, candidate);
        }
        if (slower != null) {
          found.add(slower);
        }
      }
    }
    found.sort(Comparator.comparing(Regression::version).thenComparing(Regression::command)
        .thenComparing(Regression::metric));
    return found;
  }

  /** The nearest earlier version with at least {@link #MIN_RUNS} runs of the command, or null. */
  private static String baselineVersion(List<String> versions, int v, String command,
      Map<String, Map<String, RunTotals>> runs) {
    for (int b = v - 1; b >= 0; b--) {
      RunTotals earlier = runs.getOrDefault(versions.get(b), Map.of()).get(command);
      if (earlier != null && earlier.runs() >= MIN_RUNS) {
        return versions.get(b);
      }
    }
    return null;
  }

  /**
   * Material and credible against the command's runs in every other version ({@code others}: runs,
   * failures), its usual failure rate: more runs on the baseline side let the test see a smaller
   * change than a comparison with one version could. Also clearly above the predecessor, so that a
   * regression later versions keep is not reported again for them.
   */
  private static Regression moreFailures(String version, String baselineVersion, String command, RunTotals baseline,
      long[] others, RunTotals candidate) {
    long n1 = candidate.runs();
    if (others[0] == 0) {
      return null;
    }
    double p0 = baseline.failures() / (double) baseline.runs();
    double p1 = candidate.failures() / (double) n1;
    double usual = others[1] / (double) others[0];
    double pooled = (others[1] + candidate.failures()) / (double) (others[0] + n1);
    if (pooled * n1 < MIN_EXPECTED_FAILURES || p1 - usual < MIN_FAILURE_INCREASE || p1 < usual * MIN_FAILURE_RATIO
        || p1 < p0 * MIN_FAILURE_RATIO_TO_PREDECESSOR || twoProportionZ(others[1], others[0], candidate.failures(), n1) < FAILURE_Z) {
      return null;
    }
    return new Regression(version, baselineVersion, command, "failure_rate", round(p0, 4), round(p1, 4),
        p0 == 0 ? null : round(p1 / p0, 2), n1);
  }

  /** The whole distribution shifted: p50 material, Mann-Whitney credible. */
  private static Regression slowerMedian(String version, String baselineVersion, String command,
      RunTotals baseline, RunTotals candidate) {
    Double before = baseline.durations().interpolatedPercentile(0.5);
    Double after = candidate.durations().interpolatedPercentile(0.5);
    if (before == null || after == null || before <= 0 || after < before * MIN_DURATION_RATIO) {
      return null;
    }
    if (baseline.durations().rankSumZ(candidate.durations()) < DURATION_Z) {
      return null;
    }
    return new Regression(version, baselineVersion, command, "p50_ms", round(before, 0), round(after, 0),
        round(after / before, 2), candidate.runs());
  }

  /**
   * Only the slow tail grew: p95 material, and the share of runs slower than the baseline's p95
   * bucket credibly larger (a two-proportion test, as for failures).
   */
  private static Regression slowerTail(String version, String baselineVersion, String command,
      RunTotals baseline, RunTotals candidate) {
    Double before = baseline.durations().interpolatedPercentile(0.95);
    Double after = candidate.durations().interpolatedPercentile(0.95);
    if (before == null || after == null || before <= 0 || after < before * MIN_DURATION_RATIO) {
      return null;
    }
    int tail = baseline.durations().percentileBucket(95);
    double z = twoProportionZ(baseline.durations().above(tail), baseline.runs(),
        candidate.durations().above(tail), candidate.runs());
    if (z < DURATION_Z) {
      return null;
    }
    return new Regression(version, baselineVersion, command, "p95_ms", round(before, 0), round(after, 0),
        round(after / before, 2), candidate.runs());
  }

  /** Pooled two-proportion z-score, positive when the second proportion is larger; 0 if undefined. */
  static double twoProportionZ(long hits0, long n0, long hits1, long n1) {
    double pooled = (hits0 + hits1) / (double) (n0 + n1);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n0 + 1.0 / n1));
    return se == 0 ? 0 : (hits1 / (double) n1 - hits0 / (double) n0) / se;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}

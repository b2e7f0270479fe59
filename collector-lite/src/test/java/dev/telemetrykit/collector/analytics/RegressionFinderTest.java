package dev.telemetrykit.collector.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.analytics.Analytics.Regression;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import dev.telemetrykit.collector.support.ReleaseHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@link RegressionFinder} on {@link ReleaseHistory} data of many seeds: it must find both planted
 * regressions every time and nothing else. The storage tests run the same through the databases
 * for one seed; this one keeps the counting in memory so that many seeds stay fast.
 */
class RegressionFinderTest {
  private static final int SEEDS = Integer.getInteger("seeds", 20);

  @Test
  void findsExactlyThePlantedRegressionsInEverySeed() {
    List<String> problems = new ArrayList<>();
    for (long seed : LongStream.rangeClosed(1, SEEDS).toArray()) {
      ReleaseHistory history = ReleaseHistory.generate(seed);
      assertThat(history.size()).as("events of seed %d", seed).isBetween(35_000, 55_000);
      List<String> found = new ArrayList<>();
      for (String service : List.of("acme-cli", "deployer", "dbtool")) {
        regressions(history, service).forEach(r -> found.add(service + " " + r.version() + " " + r.command() + " "
            + kind(r.metric())));
      }
      List<String> planted = ReleaseHistory.PLANTED.stream()
          .map(p -> p.service() + " " + p.version() + " " + p.command() + " " + p.kind()).toList();
      if (!new TreeSet<>(found).equals(new TreeSet<>(planted)) || found.size() != planted.size()) {
        problems.add("seed " + seed + ": " + found);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aSlowerMedianIsReportedWithInterpolatedFiguresNearThePlantedFactor() {
    Regression push = regressions(ReleaseHistory.generate(1), "acme-cli").stream()
        .filter(r -> r.command().equals("push")).findFirst().orElseThrow();

    assertThat(push.version()).isEqualTo("3.3.0");
    assertThat(push.baselineVersion()).isEqualTo("3.2.0");
    assertThat(push.metric()).isEqualTo("p50_ms");
    assertThat(push.ratio()).isBetween(1.4, 1.8);
    assertThat(push.runs()).isGreaterThanOrEqualTo(RegressionFinder.MIN_RUNS);
  }

  @Test
  void aRankSumOfIdenticalHistogramsIsZeroAndOfAShiftedOneLarge() {
    DurationHistogram before = new DurationHistogram();
    DurationHistogram same = new DurationHistogram();
    DurationHistogram slower = new DurationHistogram();
    for (int bucket = 30; bucket < 40; bucket++) {
      before.add(bucket, 20);
      same.add(bucket, 20);
      slower.add(bucket + 3, 20);
    }

    assertThat(before.rankSumZ(same)).isZero();
    assertThat(before.rankSumZ(slower)).isGreaterThan(8);
    assertThat(slower.rankSumZ(before)).isLessThan(-8);
  }

  private static String kind(String metric) {
    return metric.equals("failure_rate") ? "failure_rate" : "duration";
  }

  /** What JdbcAnalytics.releases does with the rollups, counted in memory. */
  static List<Regression> regressions(ReleaseHistory history, String service) {
    Map<String, LocalDate> firstSeen = new HashMap<>();
    Map<String, Map<String, RunTotals>> runs = new HashMap<>();
    for (Batch batch : history.batches()) {
      if (!batch.serviceName().equals(service)) {
        continue;
      }
      for (Event event : batch.events()) {
        String version = event.metadata().get("version").textValue();
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(event.timestamp()), ZoneOffset.UTC);
        firstSeen.merge(version, day, (a, b) -> a.isBefore(b) ? a : b);
        if (event.eventType().equals("command_executed")) {
          long duration = event.metadata().get("duration_ms").longValue();
          runs.computeIfAbsent(version, v -> new HashMap<>())
              .computeIfAbsent(event.metadata().get("command").textValue(), c -> new RunTotals())
              .add(DurationBuckets.bucketOf(duration), 1, event.metadata().get("success").booleanValue() ? 1 : 0, duration);
        }
      }
    }
    List<String> ordered = firstSeen.keySet().stream()
        .sorted(Comparator.<String, LocalDate>comparing(firstSeen::get).thenComparing(VersionOrder.NATURAL)).toList();
    return RegressionFinder.find(ordered, runs);
  }
}

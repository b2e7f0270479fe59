package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.Analytics.Regression;
import dev.telemetrykit.collector.analytics.Analytics.Release;
import dev.telemetrykit.collector.analytics.Analytics.RunFilter;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.support.ReleaseHistory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Release health through a real database: one {@link ReleaseHistory} (about 45,000 events, two
 * planted regressions) stored as the collector stores batches, then read back from the rollups.
 * RegressionFinderTest covers many seeds in memory; this shows the rollups carry the same answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReleaseHealthContract {
  private static final DateRange HISTORY = new DateRange(ReleaseHistory.FIRST_DAY, ReleaseHistory.LAST_DAY);

  private EventStore store;
  Analytics analytics;

  abstract String newDatabaseUrl() throws Exception;

  @BeforeAll
  void storeHistory() throws Exception {
    store = EventStore.open(newDatabaseUrl());
    ReleaseHistory.generate(1).batches().forEach(store::store);
    analytics = store.analytics();
  }

  @AfterAll
  void closeStore() {
    store.close();
  }

  @Test
  void exactlyThePlantedRegressionsAreReported() {
    assertThat(analytics.releases("acme-cli", HISTORY, RunFilter.ALL).regressions())
        .extracting(Regression::version, Regression::baselineVersion, Regression::command, Regression::metric)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("3.3.0", "3.2.0", "push", "p50_ms"));
    assertThat(analytics.releases("deployer", HISTORY, RunFilter.ALL).regressions())
        .extracting(Regression::version, Regression::baselineVersion, Regression::command, Regression::metric)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1.6.0", "1.5.0", "deploy", "failure_rate"));
    assertThat(analytics.releases("dbtool", HISTORY, RunFilter.ALL).regressions()).isEmpty();
  }

  @Test
  void versionsComeNewestFirstWithSharesOfTheRangesUsers() {
    List<Release> versions = analytics.releases("deployer", HISTORY, RunFilter.ALL).versions();

    assertThat(versions).extracting(Release::version).containsExactly("2.0.0", "1.7.0", "1.6.0", "1.5.0");
    assertThat(versions.get(3).firstSeen()).isEqualTo(ReleaseHistory.FIRST_DAY.toString());
    assertThat(versions).allSatisfy(v -> assertThat(v.shareOfUsers()).isBetween(0.0, 1.0));
    assertThat(versions.get(2).failureRate()).isGreaterThan(versions.get(3).failureRate());
  }

  @Test
  void ciAndOtherRunsAddUpToAllRuns() {
    long all = runs(RunFilter.ALL);
    long ci = runs(new RunFilter(null, true));
    long notCi = runs(new RunFilter(null, false));

    assertThat(ci).isPositive();
    assertThat(notCi).isPositive();
    assertThat(ci + notCi).isEqualTo(all);
    assertThat(analytics.summary("deployer", HISTORY).ciRuns()).isEqualTo(ci);
  }

  @Test
  void oneVersionShowsItsOwnRegressionOnly() {
    assertThat(analytics.releases("deployer", HISTORY, new RunFilter("1.6.0", null)).regressions()).hasSize(1);
    assertThat(analytics.releases("deployer", HISTORY, new RunFilter("1.7.0", null)).regressions()).isEmpty();
  }

  @Test
  void customEventsAndFeaturePropertiesAreCountedWithTheirValues() {
    var types = analytics.customEvents("dbtool", HISTORY);
    assertThat(types).extracting(t -> t.eventType()).containsExactly("plugin.loaded");

    var plugin = analytics.eventProperties("dbtool", "plugin.loaded", null, HISTORY, 10);
    assertThat(plugin.events()).isEqualTo(types.get(0).count());
    assertThat(plugin.properties()).extracting(p -> p.property()).containsExactlyInAnyOrder("plugin", "cached");
    assertThat(plugin.properties()).allSatisfy(p -> {
      assertThat(p.count()).isEqualTo(plugin.events());
      assertThat(p.values().stream().mapToLong(v -> v.count()).sum()).isEqualTo(plugin.events());
    });
    var export = analytics.eventProperties("dbtool", "feature_used", "export", HISTORY, 2);
    assertThat(export.properties()).singleElement().satisfies(format -> {
      assertThat(format.property()).isEqualTo("format");
      assertThat(format.values()).hasSize(2).first().satisfies(top -> assertThat(top.value()).isEqualTo("table"));
    });
  }

  @Test
  void newAndReturningUsersAddUpToActiveUsers() {
    var weeks = analytics.activeUsers("acme-cli", HISTORY, Analytics.Interval.WEEK);

    assertThat(weeks).allSatisfy(w -> assertThat(w.newUsers() + w.returningUsers()).isEqualTo(w.users()));
    assertThat(weeks.get(0).returningUsers()).isZero();
    assertThat(weeks.get(weeks.size() - 1).newUsers()).isLessThan(weeks.get(0).newUsers());
  }

  private long runs(RunFilter filter) {
    return analytics.releases("deployer", HISTORY, filter).versions().stream().mapToLong(Release::runs).sum();
  }
}

package dev.telemetrykit.collector.storage;

import static dev.telemetrykit.collector.support.KnownEvents.D1;
import static dev.telemetrykit.collector.support.KnownEvents.D2;
import static dev.telemetrykit.collector.support.KnownEvents.D3;
import static dev.telemetrykit.collector.support.KnownEvents.D4;
import static dev.telemetrykit.collector.support.KnownEvents.OTHER_SERVICE;
import static dev.telemetrykit.collector.support.KnownEvents.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.Analytics.ActiveUsers;
import dev.telemetrykit.collector.analytics.Analytics.CommandCount;
import dev.telemetrykit.collector.analytics.Analytics.CommandOptions;
import dev.telemetrykit.collector.analytics.Analytics.CommandStats;
import dev.telemetrykit.collector.analytics.Analytics.Deprecation;
import dev.telemetrykit.collector.analytics.Analytics.EventProperties;
import dev.telemetrykit.collector.analytics.Analytics.EventTypeCount;
import dev.telemetrykit.collector.analytics.Analytics.FailureClass;
import dev.telemetrykit.collector.analytics.Analytics.InventoryCommand;
import dev.telemetrykit.collector.analytics.Analytics.OptionRuns;
import dev.telemetrykit.collector.analytics.Analytics.UserShare;
import dev.telemetrykit.collector.analytics.Analytics.FailurePeriod;
import dev.telemetrykit.collector.analytics.Analytics.Release;
import dev.telemetrykit.collector.analytics.Analytics.Releases;
import dev.telemetrykit.collector.analytics.Analytics.RunFilter;
import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.Analytics.OptionUsage;
import dev.telemetrykit.collector.analytics.Analytics.PlatformCount;
import dev.telemetrykit.collector.analytics.Analytics.ServiceSeen;
import dev.telemetrykit.collector.analytics.Analytics.Summary;
import dev.telemetrykit.collector.analytics.Analytics.UsageCount;
import dev.telemetrykit.collector.analytics.Analytics.ValueCount;
import dev.telemetrykit.collector.analytics.Analytics.VersionDay;
import dev.telemetrykit.collector.analytics.Analytics.VersionUsers;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.analytics.DurationBuckets;
import dev.telemetrykit.collector.support.KnownEvents;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics every {@link EventStore} must give for {@link KnownEvents}, with numbers worked out
 * by hand from the table there. Subclasses supply fresh databases.
 */
abstract class AnalyticsContract {
  static final DateRange KNOWN_DAYS = new DateRange(D1, D4);

  EventStore store;
  Analytics analytics;

  /** A JDBC URL of a new, empty database (or schema) each time it is called. */
  abstract String newDatabaseUrl() throws Exception;

  @BeforeEach
  void storeKnownEvents() throws Exception {
    store = EventStore.open(newDatabaseUrl());
    KnownEventsStore.store(store, known -> true);
    analytics = store.analytics();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void commandsHaveCountSuccessRateMeanAndPercentilesWithinBucketPrecision() {
    List<CommandStats> commands = analytics.commands(SERVICE, KNOWN_DAYS, 10);

    assertThat(commands).extracting(CommandStats::command).containsExactly("build", "deploy");
    CommandStats build = commands.get(0); // durations 5 10 20 30 40 50 1000; 4 of 7 succeeded
    assertThat(build.count()).isEqualTo(7);
    assertThat(build.successRate()).isEqualTo(0.5714);
    assertThat(build.meanMs()).isEqualTo(165); // 1155 / 7
    assertDuration(build.p50Ms(), 30); // 4th of 7
    assertDuration(build.p95Ms(), 1000); // 7th of 7
    CommandStats deploy = commands.get(1); // 1000 2000 3000; 2 of 3 succeeded
    assertThat(deploy.count()).isEqualTo(3);
    assertThat(deploy.successRate()).isEqualTo(0.6667);
    assertThat(deploy.meanMs()).isEqualTo(2000);
    assertDuration(deploy.p50Ms(), 2000);
    assertDuration(deploy.p95Ms(), 3000);
  }

  @Test
  void commandsAreLimitedToTheMostRun() {
    assertThat(analytics.commands(SERVICE, KNOWN_DAYS, 1)).extracting(CommandStats::command).containsExactly("build");
  }

  @Test
  void daysOutsideTheRangeAreNotCounted() {
    List<CommandStats> commands = analytics.commands(SERVICE, new DateRange(D3, D4), 10);

    // build: 8 (ok) and 10 (failed); deploy: 9 (ok)
    assertThat(commands).extracting(CommandStats::command, CommandStats::count, CommandStats::successRate)
        .containsExactly(tuple("build", 2L, 0.5),
            tuple("deploy", 1L, 1.0));
  }

  @Test
  void optionsCountRunsNamingThemAndTheirRecordedValues() {
    CommandOptions build = analytics.options(SERVICE, "build", KNOWN_DAYS);
    CommandOptions deploy = analytics.options(SERVICE, "deploy", KNOWN_DAYS);

    assertThat(build.runs()).isEqualTo(7);
    assertThat(build.options()).containsExactly(
        new OptionUsage("--target", 3, List.of(new ValueCount("jar", 2), new ValueCount("native", 1))),
        new OptionUsage("--verbose", 1, List.of()));
    assertThat(deploy.options()).containsExactly(
        new OptionUsage("--env", 3, List.of(new ValueCount("eu", 2), new ValueCount("prod", 2))));
    assertThat(analytics.options(SERVICE, "no-such-command", KNOWN_DAYS)).isEqualTo(new CommandOptions(0, List.of()));
  }

  @Test
  void dailyActiveUsersCountEachUserOncePerDay() {
    assertThat(analytics.activeUsers(SERVICE, KNOWN_DAYS, Interval.DAY)).containsExactly(
        new ActiveUsers("2026-11-16", "2026-11-16", 2, 2, 0), // alice, bob: both new
        new ActiveUsers("2026-11-17", "2026-11-17", 2, 1, 1), // alice back, carol new
        new ActiveUsers("2026-11-23", "2026-11-23", 1, 0, 1), // bob
        new ActiveUsers("2026-11-24", "2026-11-24", 2, 0, 2)); // alice, bob
  }

  @Test
  void weeklyActiveUsersCountEachUserOncePerIsoWeek() {
    assertThat(analytics.activeUsers(SERVICE, KNOWN_DAYS, Interval.WEEK)).containsExactly(
        new ActiveUsers("2026-W47", "2026-11-16", 3, 3, 0),
        new ActiveUsers("2026-W48", "2026-11-23", 2, 0, 2));
  }

  @Test
  void aUserFirstSeenBeforeTheRangeIsReturning() {
    assertThat(analytics.activeUsers(SERVICE, new DateRange(D2, D2), Interval.DAY))
        .containsExactly(new ActiveUsers("2026-11-17", "2026-11-17", 2, 1, 1)); // alice was seen on D1
  }

  @Test
  void customEventTypesAreCountedWithTheirUsers() {
    assertThat(analytics.customEvents(SERVICE, KNOWN_DAYS)).containsExactly(new EventTypeCount("plugin.loaded", 1, 1));
    assertThat(analytics.customEvents(OTHER_SERVICE, KNOWN_DAYS)).isEmpty();
    assertThat(analytics.eventProperties(SERVICE, "plugin.loaded", null, KNOWN_DAYS, 10))
        .isEqualTo(new EventProperties(1, List.of())); // it carried no metadata
    assertThat(analytics.eventProperties(SERVICE, "feature_used", "cache", KNOWN_DAYS, 10).events()).isEqualTo(2);
  }

  @Test
  void deprecationShowsJavaMajorVersionsAndPlatformsAsSharesOfUsers() {
    Deprecation all = analytics.deprecation(SERVICE, KNOWN_DAYS, null);

    assertThat(all.users()).isEqualTo(3);
    assertThat(all.javaMajor()).containsExactly(new UserShare("17", 2, 0.6667), new UserShare("21", 1, 0.3333));
    assertThat(all.os()).containsExactly(new UserShare("linux", 2, 0.6667), new UserShare("mac", 1, 0.3333),
        new UserShare("windows", 1, 0.3333));
    assertThat(all.arch()).containsExactly(new UserShare("amd64", 3, 1.0), new UserShare("aarch64", 1, 0.3333));
    assertThat(all.osArch()).containsExactly(new UserShare("linux/amd64", 2, 0.6667),
        new UserShare("mac/aarch64", 1, 0.3333), new UserShare("windows/amd64", 1, 0.3333));
    Deprecation old = analytics.deprecation(SERVICE, KNOWN_DAYS, "1.1.0");
    assertThat(old.users()).isEqualTo(1);
    assertThat(old.javaMajor()).containsExactly(new UserShare("21", 1, 1.0));
  }

  @Test
  void versionAdoptionCountsUsersAndRunsPerVersionAndDay() {
    Analytics.VersionAdoption versions = analytics.versions(SERVICE, KNOWN_DAYS);

    assertThat(versions.totals()).containsExactly(new VersionUsers("1.2.0", 3, 8), new VersionUsers("1.1.0", 1, 2));
    assertThat(versions.days()).containsExactly(
        new VersionDay("2026-11-16", "1.1.0", 1, 2),
        new VersionDay("2026-11-16", "1.2.0", 1, 2),
        new VersionDay("2026-11-17", "1.2.0", 2, 3),
        new VersionDay("2026-11-23", "1.2.0", 1, 1),
        new VersionDay("2026-11-24", "1.2.0", 2, 2)); // bob only called methods: a user without runs
  }

  @Test
  void platformSpreadCountsRunsAndUsersAndLeavesOutEventsWithoutPlatform() {
    Analytics.Platforms platforms = analytics.platforms(SERVICE, KNOWN_DAYS);

    assertThat(platforms.os()).containsExactly(new PlatformCount("linux", 6, 2), new PlatformCount("mac", 2, 1),
        new PlatformCount("windows", 2, 1));
    assertThat(platforms.arch()).containsExactly(new PlatformCount("amd64", 8, 3), new PlatformCount("aarch64", 2, 1));
    assertThat(platforms.javaVersion()).containsExactly(new PlatformCount("17.0.15", 7, 2),
        new PlatformCount("21.0.4", 3, 1));
  }

  @Test
  void featuresAndMethodsCountEventsAndUsers() {
    Analytics.Usage usage = analytics.features(SERVICE, KNOWN_DAYS);

    assertThat(usage.features()).containsExactly(new UsageCount("cache", 2, 2), new UsageCount("export", 1, 1));
    assertThat(usage.methods()).containsExactly(new UsageCount("Database::connect", 2, 1));
  }

  @Test
  void failuresAreGroupedByExceptionClassWithTheirCommands() {
    assertThat(analytics.failures(SERVICE, KNOWN_DAYS)).containsExactly(
        new FailureClass("java.io.IOException", 2, List.of(new CommandCount("build", 2))),
        new FailureClass(null, 1, List.of(new CommandCount("build", 1))), // exit code, no exception
        new FailureClass("java.lang.IllegalStateException", 1, List.of(new CommandCount("deploy", 1))));
  }

  @Test
  void summaryTotalsTheRange() {
    assertThat(analytics.summary(SERVICE, KNOWN_DAYS)).isEqualTo(new Summary(16, 10, 3, 0.6, 4, 1, 0.1));
    assertThat(analytics.summary(SERVICE, new DateRange(D3, D4))).isEqualTo(new Summary(5, 3, 2, 0.6667, 1, 1, 0.3333));
  }

  @Test
  void emptyRangeHasNoRunsAndNoRates() {
    DateRange before = new DateRange(D1.minusDays(10), D1.minusDays(1));

    assertThat(analytics.summary(SERVICE, before)).isEqualTo(new Summary(0, 0, 0, null, 0, 0, null));
    assertThat(analytics.commands(SERVICE, before, 10)).isEmpty();
  }

  @Test
  void releasesListVersionsNewestFirstWithAdoptionAndRunFigures() {
    Releases releases = analytics.releases(SERVICE, KNOWN_DAYS, RunFilter.ALL);

    // 1.2.0: runs 1 2 5 6 7 8 9 10 (6, 7, 10 failed), users alice bob carol; 1.1.0: runs 3 (failed) 4, bob.
    // Both first appear on D1: the version order breaks the tie.
    assertThat(releases.versions()).containsExactly(
        new Release("1.2.0", "2026-11-16", 3, 8, 1.0, 0.375, bucketed(40), bucketed(3000)),
        new Release("1.1.0", "2026-11-16", 1, 2, 0.3333, 0.5, bucketed(30), bucketed(1000)));
    assertThat(releases.regressions()).isEmpty(); // far fewer runs than a test needs
  }

  @Test
  void releasesCountOnlyTheRunsTheFilterKeeps() {
    Releases ci = analytics.releases(SERVICE, KNOWN_DAYS, new RunFilter(null, true));
    Releases one = analytics.releases(SERVICE, KNOWN_DAYS, new RunFilter("1.1.0", null));

    assertThat(ci.versions()).containsExactly( // only run 8 ran in CI; users are every user of the version
        new Release("1.2.0", "2026-11-16", 3, 1, 1.0, 0.0, bucketed(1000), bucketed(1000)),
        new Release("1.1.0", "2026-11-16", 1, 0, 0.3333, null, null, null));
    assertThat(one.versions()).extracting(Release::version).containsExactly("1.1.0");
  }

  @Test
  void aVersionFirstSeenBeforeTheRangeKeepsItsFirstDay() {
    assertThat(analytics.releases(SERVICE, new DateRange(D3, D4), RunFilter.ALL).versions())
        .extracting(Release::version, Release::firstSeen, Release::runs)
        .containsExactly(tuple("1.2.0", "2026-11-16", 3L));
  }

  @Test
  void commandsOfOneVersionOrOnlyCiRuns() {
    assertThat(analytics.commands(SERVICE, KNOWN_DAYS, 10, new RunFilter("1.1.0", null)))
        .extracting(CommandStats::command, CommandStats::count, CommandStats::successRate)
        .containsExactly(tuple("build", 1L, 0.0), tuple("deploy", 1L, 1.0));
    assertThat(analytics.commands(SERVICE, KNOWN_DAYS, 10, new RunFilter(null, true)))
        .extracting(CommandStats::command, CommandStats::count).containsExactly(tuple("build", 1L));
    assertThat(analytics.commands(SERVICE, KNOWN_DAYS, 10, new RunFilter("1.2.0", false)))
        .extracting(CommandStats::command, CommandStats::count).containsExactly(tuple("build", 5L), tuple("deploy", 2L));
    assertThat(analytics.commands(SERVICE, KNOWN_DAYS, 10, new RunFilter("9.9.9", null))).isEmpty();
  }

  @Test
  void failuresOfOneVersionAndPerDay() {
    assertThat(analytics.failures(SERVICE, KNOWN_DAYS, new RunFilter("1.2.0", null))).containsExactly(
        new FailureClass(null, 1, List.of(new CommandCount("build", 1))),
        new FailureClass("java.io.IOException", 1, List.of(new CommandCount("build", 1))),
        new FailureClass("java.lang.IllegalStateException", 1, List.of(new CommandCount("deploy", 1))));
    assertThat(analytics.failurePeriods(SERVICE, KNOWN_DAYS, RunFilter.ALL, Interval.DAY)).containsExactly(
        new FailurePeriod("2026-11-16", "2026-11-16", 4, 1, 0.25),
        new FailurePeriod("2026-11-17", "2026-11-17", 3, 2, 0.6667),
        new FailurePeriod("2026-11-23", "2026-11-23", 1, 0, 0.0),
        new FailurePeriod("2026-11-24", "2026-11-24", 2, 1, 0.5));
    assertThat(analytics.failurePeriods(SERVICE, KNOWN_DAYS, new RunFilter("1.1.0", false), Interval.WEEK))
        .containsExactly(new FailurePeriod("2026-W47", "2026-11-16", 2, 1, 0.5));
  }

  @Test
  void inventoryListsEveryDeclaredCommandAndOptionWithItsRunsZerosIncluded() {
    store.store(new Batch(SERVICE, "1.2.0", List.of(
        inventoryEvent("inventory-build", "build", "--target", "--verbose", "--dry-run"),
        inventoryEvent("inventory-clean", "clean"))));

    // build ran 6 times on 1.2.0 (runs 1 2 5 7 8 10); option runs count every version (--target: 1 2 3).
    assertThat(analytics.inventory(SERVICE, KNOWN_DAYS, "1.2.0")).containsExactly(
        new InventoryCommand("build", 6, List.of(new OptionRuns("--target", 3), new OptionRuns("--verbose", 1),
            new OptionRuns("--dry-run", 0))),
        new InventoryCommand("clean", 0, List.of()));
    assertThat(analytics.inventory(SERVICE, KNOWN_DAYS, null)).extracting(InventoryCommand::runs).containsExactly(7L, 0L);
    assertThat(analytics.inventory(SERVICE, KNOWN_DAYS, "1.1.0")).isEmpty(); // that version declared nothing
  }

  private static Event inventoryEvent(String id, String command, String... options) {
    ObjectNode metadata = new ObjectMapper().createObjectNode().put("command", command).put("version", "1.2.0");
    ArrayNode names = metadata.putArray("options");
    for (String option : options) {
      names.add(option);
    }
    return new Event(UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString(), "inventory",
        D1.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli(), KnownEvents.ALICE,
        UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString(), metadata);
  }

  @Test
  void servicesAreListedWithEventCountsAndDaysSeen() {
    assertThat(analytics.services()).containsExactly(
        new ServiceSeen(OTHER_SERVICE, 1, "2026-11-16", "2026-11-16"),
        new ServiceSeen(SERVICE, 16, "2026-11-16", "2026-11-24"));
    assertThat(analytics.hasService(SERVICE)).isTrue();
    assertThat(analytics.hasService("never-seen")).isFalse();
  }

  @Test
  void servicesAreCountedApart() {
    assertThat(analytics.commands(OTHER_SERVICE, KNOWN_DAYS, 10)).extracting(CommandStats::command)
        .containsExactly("query");
    assertThat(analytics.summary(OTHER_SERVICE, KNOWN_DAYS)).isEqualTo(new Summary(1, 1, 1, 1.0, 0, 0, 0.0));
    assertThat(analytics.versions(OTHER_SERVICE, KNOWN_DAYS).totals()).containsExactly(new VersionUsers("4.0.1", 1, 1));
  }

  @Test
  void durationsUpToSevenMillisecondsAreExact() {
    assertThat(analytics.commands(OTHER_SERVICE, KNOWN_DAYS, 10).get(0).p50Ms()).isEqualTo(7);
  }

  private static Long bucketed(long durationMs) {
    return DurationBuckets.representative(DurationBuckets.bucketOf(durationMs));
  }

  /** The reported duration is its bucket's, and so within the documented precision (9.1% + 0.5 ms) of the exact one. */
  private static void assertDuration(Long reported, long exact) {
    assertThat(reported).isEqualTo(DurationBuckets.representative(DurationBuckets.bucketOf(exact)));
    assertThat((double) reported).isCloseTo(exact, within(exact * DurationBuckets.MAX_RELATIVE_ERROR_PERCENT / 100 + 0.5));
  }
}

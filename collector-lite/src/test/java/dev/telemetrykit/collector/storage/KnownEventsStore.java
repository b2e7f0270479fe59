package dev.telemetrykit.collector.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.Analytics.RunFilter;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.support.KnownEvents;
import dev.telemetrykit.collector.support.KnownEvents.Known;
import dev.telemetrykit.collector.support.ProtocolExamples;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Puts {@link KnownEvents} into a store, and reads every report back for comparisons. */
final class KnownEventsStore {
  private static final BatchValidator VALIDATOR =
      new BatchValidator(ProtocolExamples.referenceClock(), Duration.ofDays(ProtocolExamples.retentionDays()));
  /** Wider than the known days on both sides. */
  static final DateRange WHOLE_YEAR = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

  private KnownEventsStore() {}

  /** The known events as validated batches, one per service. */
  static List<Batch> batches(Predicate<Known> keep) {
    List<Batch> batches = new ArrayList<>();
    for (ObjectNode batch : KnownEvents.batches(keep)) {
      batches.add(VALIDATOR.validate(batch));
    }
    return batches;
  }

  /** Stores the known events {@code keep} accepts. */
  static void store(EventStore store, Predicate<Known> keep) {
    batches(keep).forEach(store::store);
  }

  /**
   * Every report of every service over {@code range}, in a fixed order: equal snapshots mean the
   * analytics API would answer every question the same way.
   */
  static List<Object> snapshot(Analytics analytics, DateRange range) {
    List<Object> reports = new ArrayList<>(analytics.services());
    for (String service : List.of(KnownEvents.SERVICE, KnownEvents.OTHER_SERVICE)) {
      reports.add(analytics.commands(service, range, 1_000));
      for (String command : List.of("build", "deploy", "query")) {
        reports.add(analytics.options(service, command, range));
      }
      reports.add(analytics.activeUsers(service, range, Interval.DAY));
      reports.add(analytics.activeUsers(service, range, Interval.WEEK));
      reports.add(analytics.versions(service, range));
      reports.add(analytics.platforms(service, range));
      reports.add(analytics.features(service, range));
      reports.add(analytics.failures(service, range));
      reports.add(analytics.releases(service, range, RunFilter.ALL));
      reports.add(analytics.releases(service, range, new RunFilter(null, true)));
      reports.add(analytics.commands(service, range, 1_000, new RunFilter("1.2.0", false)));
      reports.add(analytics.failures(service, range, new RunFilter("1.2.0", null)));
      reports.add(analytics.failurePeriods(service, range, RunFilter.ALL, Interval.DAY));
      reports.add(analytics.customEvents(service, range));
      reports.add(analytics.eventProperties(service, "plugin.loaded", null, range, 100));
      reports.add(analytics.eventProperties(service, "feature_used", null, range, 100));
      reports.add(analytics.deprecation(service, range, null));
      reports.add(analytics.inventory(service, range, null));
      reports.add(analytics.summary(service, range));
    }
    return reports;
  }
}

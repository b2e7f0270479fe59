package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.analytics.Analytics.ActiveUsers;
import dev.telemetrykit.collector.analytics.Analytics.CommandStats;
import dev.telemetrykit.collector.analytics.Analytics.EventTypeCount;
import dev.telemetrykit.collector.analytics.Analytics.InventoryCommand;
import dev.telemetrykit.collector.analytics.Analytics.PropertyUsage;
import dev.telemetrykit.collector.analytics.Analytics.UserShare;
import dev.telemetrykit.collector.analytics.Analytics.FailureClass;
import dev.telemetrykit.collector.analytics.Analytics.FailurePeriod;
import dev.telemetrykit.collector.analytics.Analytics.OptionUsage;
import dev.telemetrykit.collector.analytics.Analytics.PlatformCount;
import dev.telemetrykit.collector.analytics.Analytics.Regression;
import dev.telemetrykit.collector.analytics.Analytics.Release;
import dev.telemetrykit.collector.analytics.Analytics.ServiceSeen;
import dev.telemetrykit.collector.analytics.Analytics.UsageCount;
import dev.telemetrykit.collector.analytics.Analytics.VersionDay;
import dev.telemetrykit.collector.analytics.Analytics.VersionUsers;
import java.util.List;

/**
 * The JSON bodies of the analytics API, one record per endpoint, as docs/analytics-api.md shows
 * them. Component names become snake_case keys ({@code successRate} → {@code success_rate}); every
 * per-service report starts with the service and the range it covers.
 */
final class AnalyticsReports {
  private AnalyticsReports() {}

  record Services(List<ServiceSeen> services) {}

  record Commands(String service, String from, String to, String version, Boolean ci, List<CommandStats> commands) {}

  record Releases(String service, String from, String to, String version, Boolean ci, List<Release> versions,
      List<Regression> regressions) {}

  record Options(String service, String command, String from, String to, long runs, List<OptionUsage> options) {}

  record Users(String service, String from, String to, String interval, List<ActiveUsers> periods) {}

  record Versions(String service, String from, String to, List<VersionUsers> totals, List<VersionDay> days) {}

  record Platforms(String service, String from, String to, List<PlatformCount> os, List<PlatformCount> arch,
      List<PlatformCount> javaVersion) {}

  record Features(String service, String from, String to, List<UsageCount> features, List<UsageCount> methods) {}

  record Failures(String service, String from, String to, String version, Boolean ci, String interval,
      List<FailureClass> failures, List<FailurePeriod> periods) {}

  record Events(String service, String from, String to, List<EventTypeCount> events) {}

  record EventProperties(String service, String from, String to, String eventType, String name, long events,
      List<PropertyUsage> properties) {}

  record Deprecation(String service, String from, String to, String version, long users, List<UserShare> javaMajor,
      List<UserShare> os, List<UserShare> arch, List<UserShare> osArch) {}

  record Inventory(String service, String from, String to, String version, List<InventoryCommand> commands) {}

  record Summary(String service, String from, String to, long events, long runs, long activeUsers,
      Double successRate, long failedRuns, long ciRuns, Double ciShare) {}
}

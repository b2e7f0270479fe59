package dev.telemetrykit.collector.analytics;

import java.util.List;

/**
 * Read-only answers about stored events, per service and range of UTC days, computed from the
 * daily rollups (never from the raw events). docs/analytics-api.md shows them as JSON.
 *
 * <p>Days are {@code YYYY-MM-DD} strings. Rates are fractions between 0 and 1, rounded to four
 * decimals, and null when there is nothing to divide by. Lists are sorted by their count, largest
 * first, then by name. Implementations are thread-safe.
 *
 * <pre>{@code
 * Analytics analytics = store.analytics();
 * DateRange range = DateRange.lastDays(LocalDate.now(clock));
 * List<Analytics.CommandStats> top = analytics.commands("sample-cli", range, 10);
 * }</pre>
 */
public interface Analytics {

  /** How active users are grouped. */
  enum Interval {
    /** One UTC day. */
    DAY,
    /** One ISO week, Monday to Sunday. */
    WEEK
  }

  /** A service that sent events, with all its retained events. */
  record ServiceSeen(String service, long events, String firstSeen, String lastSeen) {}

  /** One command's runs; durations in milliseconds, null without runs. */
  record CommandStats(String command, long count, Double successRate, Long p50Ms, Long p95Ms, Long meanMs) {}

  /** How a command's options were used: {@code runs} of the command, the options named in them. */
  record CommandOptions(long runs, List<OptionUsage> options) {}

  /** An option named in {@code count} runs, and its recorded values (only for safe options). */
  record OptionUsage(String option, long count, List<ValueCount> values) {}

  /** A recorded option value and the runs it was given in. */
  record ValueCount(String value, long count) {}

  /**
   * Distinct users in one period: {@code period} is the day ({@code 2026-11-23}) or the ISO week
   * ({@code 2026-W48}); {@code start} its first day. {@code newUsers} were first seen in the period
   * (in any retained event of the service), {@code returningUsers} before it.
   */
  record ActiveUsers(String period, String start, long users, long newUsers, long returningUsers) {}

  /** Version adoption: totals over the range, then per day. */
  record VersionAdoption(List<VersionUsers> totals, List<VersionDay> days) {}

  /** Distinct users and command runs of one version over the range. */
  record VersionUsers(String version, long users, long runs) {}

  /** Distinct users and command runs of one version on one day. */
  record VersionDay(String day, String version, long users, long runs) {}

  /** The spread of each platform dimension; events without the value are left out. */
  record Platforms(List<PlatformCount> os, List<PlatformCount> arch, List<PlatformCount> javaVersion) {}

  /** Command runs and distinct users with one value of a platform dimension. */
  record PlatformCount(String value, long runs, long users) {}

  /** {@code feature_used} events by feature, {@code method_called} events by method. */
  record Usage(List<UsageCount> features, List<UsageCount> methods) {}

  /** Events naming one feature or method, and the distinct users that sent them. */
  record UsageCount(String name, long count, long users) {}

  /**
   * Failed runs (and runs reporting an exception) by exception class; {@code error} is null for
   * runs that failed with an exit code but no exception.
   */
  record FailureClass(String error, long count, List<CommandCount> commands) {}

  /** Runs of one command. */
  record CommandCount(String command, long count) {}

  /**
   * The range at a glance: all events, command runs, distinct users, success rate, failed runs, and
   * the runs made in CI with their share of all runs.
   */
  record Summary(long events, long runs, long activeUsers, Double successRate, long failedRuns, long ciRuns,
      Double ciShare) {}

  /**
   * Which command runs a report counts: one version (null: every version), and CI runs only
   * ({@code true}), runs not in CI ({@code false}) or both (null).
   */
  record RunFilter(String version, Boolean ci) {
    /** Every run. */
    public static final RunFilter ALL = new RunFilter(null, null);

    /** Whether the filter keeps every run. */
    public boolean isAll() {
      return version == null && ci == null;
    }
  }

  /**
   * One version over the range: when it first appeared (in any retained event, also before the
   * range), its distinct users and their share of the range's active users, and its runs.
   */
  record Release(String version, String firstSeen, long users, long runs, Double shareOfUsers, Double failureRate,
      Long p50Ms, Long p95Ms) {}

  /**
   * A command that {@code version} made worse than {@code baselineVersion}: {@code metric} is
   * {@code failure_rate}, {@code p50_ms} or {@code p95_ms}; {@code runs} are the version's runs of
   * the command; {@code ratio} is value / baseline (null when the baseline is 0).
   */
  record Regression(String version, String baselineVersion, String command, String metric, double baseline,
      double value, Double ratio, long runs) {}

  /** Versions, newest first appearance first, and the regressions found between them. */
  record Releases(List<Release> versions, List<Regression> regressions) {}

  /** Events of one custom event type and the distinct users that sent them. */
  record EventTypeCount(String eventType, long count, long users) {}

  /** The events of a type (and name), and each property they carried with its most frequent values. */
  record EventProperties(long events, List<PropertyUsage> properties) {}

  /** A property carried by {@code count} events, and its most frequent values. */
  record PropertyUsage(String property, long count, List<ValueCount> values) {}

  /**
   * What could be dropped: the users of the range (of one version, if given) and how they spread
   * over Java major versions, operating systems, architectures and OS/architecture pairs. Users
   * whose events lack a value are counted in {@code users} but under no value.
   */
  record Deprecation(long users, List<UserShare> javaMajor, List<UserShare> os, List<UserShare> arch,
      List<UserShare> osArch) {}

  /** Distinct users with one value, and their share of all users (0 to 1). */
  record UserShare(String value, long users, Double share) {}

  /**
   * A command of the declared command tree with its runs in the range (0: never run), and its
   * declared options with the runs that named them.
   */
  record InventoryCommand(String command, long runs, List<OptionRuns> options) {}

  /** A declared option and the runs that named it (0: never used). */
  record OptionRuns(String option, long runs) {}

  /** Failed runs among all runs in one day or ISO week ({@code period} as in {@link ActiveUsers}). */
  record FailurePeriod(String period, String start, long runs, long failedRuns, Double failureRate) {}

  /** Every service with retained events, by name. */
  List<ServiceSeen> services();

  /** Whether any retained event came from {@code service}. */
  boolean hasService(String service);

  /** The most-run commands, at most {@code limit}. */
  default List<CommandStats> commands(String service, DateRange range, int limit) {
    return commands(service, range, limit, RunFilter.ALL);
  }

  /** The most-run commands among the runs {@code filter} keeps, at most {@code limit}. */
  List<CommandStats> commands(String service, DateRange range, int limit, RunFilter filter);

  /** Each version with its adoption and figures, and the regressions between versions. */
  Releases releases(String service, DateRange range, RunFilter filter);

  /** Option and option-value counts of one command. */
  CommandOptions options(String service, String command, DateRange range);

  /** Distinct users per day or ISO week; periods without users are left out. A week cut by the range counts only its days inside it. */
  List<ActiveUsers> activeUsers(String service, DateRange range, Interval interval);

  /** Users and runs per version, over the range and per day. */
  VersionAdoption versions(String service, DateRange range);

  /** OS, architecture and Java version spread. */
  Platforms platforms(String service, DateRange range);

  /** Feature and method usage. */
  Usage features(String service, DateRange range);

  /** Failure classes and the commands they occur in. */
  default List<FailureClass> failures(String service, DateRange range) {
    return failures(service, range, RunFilter.ALL);
  }

  /** Failure classes and the commands they occur in, among the runs {@code filter} keeps. */
  List<FailureClass> failures(String service, DateRange range, RunFilter filter);

  /** Runs and failed runs per day or ISO week, among the runs {@code filter} keeps; periods without runs are left out. */
  List<FailurePeriod> failurePeriods(String service, DateRange range, RunFilter filter, Interval interval);

  /** Custom event types (all but the three well-known ones) with their events and users. */
  List<EventTypeCount> customEvents(String service, DateRange range);

  /**
   * The properties of one event type's events, each with its {@code limit} most frequent values;
   * for {@code feature_used} and {@code method_called}, {@code name} (a feature or method) narrows
   * them to one; null for all.
   */
  EventProperties eventProperties(String service, String eventType, String name, DateRange range, int limit);

  /** Java major versions, OS and architecture as shares of users; {@code version} null for all. */
  Deprecation deprecation(String service, DateRange range, String version);

  /**
   * The command tree the tool declared ({@code inventory} events of {@code version}, or of every
   * version when null, sent on or before the range's last day) with each command's and option's
   * runs in the range, zeros included: never-run commands last.
   */
  List<InventoryCommand> inventory(String service, DateRange range, String version);

  /** Totals over the range. */
  Summary summary(String service, DateRange range);
}

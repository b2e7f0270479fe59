package dev.telemetrykit.collector.storage;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.analytics.RegressionFinder;
import dev.telemetrykit.collector.analytics.RunTotals;
import dev.telemetrykit.collector.analytics.VersionOrder;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@link Analytics} over the rollup tables, for both databases. The SQL is portable (only the ISO
 * week comes from {@link Dialect}); sorting happens here because the databases collate text
 * differently.
 */
final class JdbcAnalytics implements Analytics {
  private static final String RANGE = " WHERE service = ? AND day BETWEEN ? AND ?";

  private final SqlQueries sql;
  private final Dialect dialect;

  JdbcAnalytics(SqlQueries sql, Dialect dialect) {
    this.sql = sql;
    this.dialect = dialect;
  }

  @Override
  public List<ServiceSeen> services() {
    return sql.list("SELECT service, SUM(events), MIN(day), MAX(day) FROM service_daily"
            + " GROUP BY service HAVING SUM(events) > 0", List.of(),
            row -> new ServiceSeen(row.getString(1), row.getLong(2), row.getString(3), row.getString(4)))
        .stream().sorted(Comparator.comparing(ServiceSeen::service)).toList();
  }

  @Override
  public boolean hasService(String service) {
    return !sql.list("SELECT 1 FROM service_daily WHERE service = ? LIMIT 1", List.of(service), row -> 1).isEmpty();
  }

  @Override
  public List<CommandStats> commands(String service, DateRange range, int limit, RunFilter filter) {
    // Unfiltered, the small command_daily answers; release_daily has a row per version and CI flag too.
    List<Object> parameters = new ArrayList<>(parameters(service, range));
    String table = filter.isAll() ? "command_daily" + RANGE : "release_daily" + RANGE + filtered(filter, parameters);
    Map<String, RunTotals> commands = new LinkedHashMap<>();
    sql.list("SELECT command, bucket, SUM(runs), SUM(successes), SUM(duration_sum) FROM " + table
        + " GROUP BY command, bucket", parameters, row -> {
          commands.computeIfAbsent(row.getString(1), c -> new RunTotals())
              .add(row.getInt(2), row.getLong(3), row.getLong(4), row.getLong(5));
          return null;
        });
    return commands.entrySet().stream().map(e -> stats(e.getKey(), e.getValue()))
        .sorted(byCount(CommandStats::count, CommandStats::command)).limit(limit).toList();
  }

  @Override
  public Releases releases(String service, DateRange range, RunFilter filter) {
    List<Object> parameters = parameters(service, range);
    // Users per version and all active users from one pass over the (user, version) pairs, ordered
    // by user: two COUNT(DISTINCT) queries read the range's user_daily rows twice (at 10 million
    // events about 65 ms more on SQLite).
    Map<String, Long> users = new HashMap<>();
    long[] activeUsers = {0};
    String[] lastUser = {null};
    sql.list("SELECT user_id, version FROM user_daily" + RANGE + " GROUP BY user_id, version ORDER BY user_id",
        parameters, row -> {
          if (!row.getString(1).equals(lastUser[0])) {
            activeUsers[0]++;
            lastUser[0] = row.getString(1);
          }
          return users.merge(row.getString(2), 1L, Long::sum);
        });
    Map<String, String> firstSeen = new HashMap<>();
    sql.list("SELECT version, MIN(day) FROM version_daily WHERE service = ? AND day <= ? GROUP BY version",
        List.of(service, range.to()), row -> firstSeen.put(row.getString(1), row.getString(2)));
    // Regressions compare versions with each other, so every version is read; the version filter
    // only picks what is reported.
    List<Object> runParameters = new ArrayList<>(parameters);
    String runs = "release_daily" + RANGE + filtered(new RunFilter(null, filter.ci()), runParameters);
    Map<String, Map<String, RunTotals>> byVersion = new HashMap<>();
    sql.list("SELECT version, command, bucket, SUM(runs), SUM(successes), SUM(duration_sum) FROM " + runs
        + " GROUP BY version, command, bucket", runParameters, row -> {
          byVersion.computeIfAbsent(row.getString(1), v -> new HashMap<>())
              .computeIfAbsent(row.getString(2), c -> new RunTotals())
              .add(row.getInt(3), row.getLong(4), row.getLong(5), row.getLong(6));
          return null;
        });
    Comparator<String> byAppearance = Comparator.<String, String>comparing(v -> firstSeen.getOrDefault(v, range.to().toString()))
        .thenComparing(VersionOrder.NATURAL);
    List<String> ordered = users.keySet().stream().sorted(byAppearance).toList();
    List<Regression> regressions = RegressionFinder.find(ordered, byVersion).stream()
        .filter(r -> filter.version() == null || r.version().equals(filter.version())).toList();
    List<Release> versions = new ArrayList<>();
    for (int i = ordered.size() - 1; i >= 0; i--) { // newest first
      String version = ordered.get(i);
      if (filter.version() != null && !filter.version().equals(version)) {
        continue;
      }
      RunTotals totals = new RunTotals();
      byVersion.getOrDefault(version, Map.of()).values().forEach(totals::addAll);
      long runCount = totals.runs();
      versions.add(new Release(version, firstSeen.get(version), users.get(version), runCount,
          ratio(users.get(version), activeUsers[0]), ratio(totals.failures(), runCount),
          totals.durations().percentile(50),
          totals.durations().percentile(95)));
    }
    return new Releases(versions, regressions);
  }
  @Override
  public CommandOptions options(String service, String command, DateRange range) {
    List<Object> parameters = List.of(service, command, range.from(), range.to());
    long runs = sql.number("SELECT SUM(runs) FROM command_daily WHERE service = ? AND command = ?"
        + " AND day BETWEEN ? AND ?", parameters);
    Map<String, Long> named = new LinkedHashMap<>();
    Map<String, List<ValueCount>> values = new LinkedHashMap<>();
    sql.list("SELECT option_name, is_value, option_value, SUM(runs) FROM option_daily"
        + " WHERE service = ? AND command = ? AND day BETWEEN ? AND ?"
        + " GROUP BY option_name, is_value, option_value", parameters, row -> {
          String option = row.getString(1);
          if (row.getInt(2) == 0) {
            named.merge(option, row.getLong(4), Long::sum);
          } else {
            values.computeIfAbsent(option, o -> new ArrayList<>()).add(new ValueCount(row.getString(3), row.getLong(4)));
          }
          return null;
        });
    values.keySet().forEach(option -> named.putIfAbsent(option, 0L)); // a value recorded without its name
    List<OptionUsage> options = named.entrySet().stream()
        .map(e -> new OptionUsage(e.getKey(), e.getValue(), values.getOrDefault(e.getKey(), List.of()).stream()
            .sorted(byCount(ValueCount::count, ValueCount::value)).toList()))
        .sorted(byCount(OptionUsage::count, OptionUsage::option))
        .toList();
    return new CommandOptions(runs, options);
  }

  @Override
  public List<ActiveUsers> activeUsers(String service, DateRange range, Interval interval) {
    String period = interval == Interval.WEEK ? dialect.weekStart("day") : "day";
    List<Object> parameters = parameters(service, range);
    // A user is new in the period that holds their first retained day (which may lie before the
    // range): that day is one they were active on, so new users are counted by first day alone.
    // The first day is looked up per user through user_daily_user; a join of the range's users with
    // every user's first day took seconds on SQLite at a million events.
    Map<LocalDate, Long> firstDays = new HashMap<>();
    sql.list("SELECT first_day, COUNT(*) FROM (SELECT (SELECT MIN(u.day) FROM user_daily u"
        + " WHERE u.user_id = r.user_id AND u.service = ?) AS first_day"
        + " FROM (SELECT DISTINCT user_id FROM user_daily" + RANGE + ") r) f GROUP BY first_day",
        List.of(service, service, range.from(), range.to()), row -> {
          LocalDate first = LocalDate.parse(row.getString(1));
          LocalDate start = interval == Interval.WEEK ? first.with(java.time.DayOfWeek.MONDAY) : first;
          return firstDays.merge(start, row.getLong(2), Long::sum);
        });
    return sql.list("SELECT " + period + " AS period_start, COUNT(DISTINCT user_id) FROM user_daily" + RANGE
        + " GROUP BY period_start", parameters, row -> {
          LocalDate start = LocalDate.parse(row.getString(1));
          String label = interval == Interval.WEEK ? isoWeek(start) : start.toString();
          long users = row.getLong(2);
          long newUsers = firstDays.getOrDefault(start, 0L);
          return new ActiveUsers(label, start.toString(), users, newUsers, users - newUsers);
        }).stream().sorted(Comparator.comparing(ActiveUsers::start)).toList();
  }

  @Override
  public List<EventTypeCount> customEvents(String service, DateRange range) {
    return sql.list("SELECT event_type, SUM(events), COUNT(DISTINCT user_id) FROM event_daily" + RANGE
            + " GROUP BY event_type", parameters(service, range),
            row -> new EventTypeCount(row.getString(1), row.getLong(2), row.getLong(3)))
        .stream().sorted(byCount(EventTypeCount::count, EventTypeCount::eventType)).toList();
  }

  @Override
  public EventProperties eventProperties(String service, String eventType, String name, DateRange range, int limit) {
    String kind = switch (eventType) {
      case "feature_used" -> "feature";
      case "method_called" -> "method";
      default -> null;
    };
    List<Object> parameters = new ArrayList<>(parameters(service, range));
    long events;
    if (kind == null) {
      parameters.add(eventType);
      events = sql.number("SELECT SUM(events) FROM event_daily" + RANGE + " AND event_type = ?", parameters);
    } else {
      parameters.add(kind);
      if (name != null) {
        parameters.add(name);
      }
      events = sql.number("SELECT SUM(uses) FROM usage_daily" + RANGE + " AND kind = ?"
          + (name != null ? " AND name = ?" : ""), parameters);
    }
    List<Object> propertyParameters = new ArrayList<>(parameters(service, range));
    propertyParameters.add(eventType);
    if (name != null) {
      propertyParameters.add(name);
    }
    Map<String, Long> present = new LinkedHashMap<>();
    Map<String, List<ValueCount>> values = new LinkedHashMap<>();
    sql.list("SELECT property, is_value, value, SUM(events) FROM property_daily" + RANGE + " AND event_type = ?"
        + (name != null ? " AND name = ?" : "") + " GROUP BY property, is_value, value", propertyParameters, row -> {
          if (row.getInt(2) == 0) {
            present.merge(row.getString(1), row.getLong(4), Long::sum);
          } else {
            values.computeIfAbsent(row.getString(1), p -> new ArrayList<>()).add(new ValueCount(row.getString(3), row.getLong(4)));
          }
          return null;
        });
    List<PropertyUsage> properties = present.entrySet().stream()
        .map(e -> new PropertyUsage(e.getKey(), e.getValue(), values.getOrDefault(e.getKey(), List.of()).stream()
            .sorted(byCount(ValueCount::count, ValueCount::value)).limit(limit).toList()))
        .sorted(byCount(PropertyUsage::count, PropertyUsage::property))
        .toList();
    return new EventProperties(events, properties);
  }

  @Override
  public Deprecation deprecation(String service, DateRange range, String version) {
    List<Object> parameters = new ArrayList<>(parameters(service, range));
    String rows = "user_daily" + RANGE + filtered(new RunFilter(version, null), parameters);
    PlatformSpread java = new PlatformSpread();
    PlatformSpread os = new PlatformSpread();
    PlatformSpread arch = new PlatformSpread();
    PlatformSpread osArch = new PlatformSpread();
    long[] users = {0};
    String[] lastUser = {null};
    sql.list("SELECT user_id, os, arch, java_version FROM " + rows
        + " GROUP BY user_id, os, arch, java_version ORDER BY user_id", parameters, row -> {
          String user = row.getString(1);
          if (!user.equals(lastUser[0])) {
            users[0]++;
            lastUser[0] = user;
          }
          java.add(JavaMajor.of(row.getString(4)), user, 0);
          os.add(row.getString(2), user, 0);
          arch.add(row.getString(3), user, 0);
          boolean both = !row.getString(2).isEmpty() && !row.getString(3).isEmpty();
          osArch.add(both ? row.getString(2) + "/" + row.getString(3) : "", user, 0);
          return null;
        });
    return new Deprecation(users[0], shares(java, users[0]), shares(os, users[0]), shares(arch, users[0]),
        shares(osArch, users[0]));
  }

  @Override
  public List<InventoryCommand> inventory(String service, DateRange range, String version) {
    List<Object> declaredParameters = new ArrayList<>(List.of(service, range.to()));
    String declaredRows = "inventory_daily WHERE service = ? AND day <= ?" + filtered(new RunFilter(version, null), declaredParameters);
    Map<String, List<String>> declared = new HashMap<>();
    sql.list("SELECT DISTINCT command, option_name FROM " + declaredRows, declaredParameters, row -> {
      List<String> options = declared.computeIfAbsent(row.getString(1), c -> new ArrayList<>());
      if (!row.getString(2).isEmpty()) {
        options.add(row.getString(2));
      }
      return null;
    });
    if (declared.isEmpty()) {
      return List.of();
    }
    Map<String, Long> commandRuns = new HashMap<>();
    commands(service, range, Integer.MAX_VALUE, new RunFilter(version, null))
        .forEach(stats -> commandRuns.put(stats.command(), stats.count()));
    // option_daily has no version key: option runs count every version's runs of the command.
    Map<String, Map<String, Long>> optionRuns = new HashMap<>();
    sql.list("SELECT command, option_name, SUM(runs) FROM option_daily" + RANGE + " AND is_value = 0"
        + " GROUP BY command, option_name", parameters(service, range), row -> {
          optionRuns.computeIfAbsent(row.getString(1), c -> new HashMap<>()).put(row.getString(2), row.getLong(3));
          return null;
        });
    return declared.entrySet().stream()
        .map(e -> new InventoryCommand(e.getKey(), commandRuns.getOrDefault(e.getKey(), 0L), e.getValue().stream()
            .map(option -> new OptionRuns(option, optionRuns.getOrDefault(e.getKey(), Map.of()).getOrDefault(option, 0L)))
            .sorted(byCount(OptionRuns::runs, OptionRuns::option)).toList()))
        .sorted(byCount(InventoryCommand::runs, InventoryCommand::command))
        .toList();
  }

  private static List<UserShare> shares(PlatformSpread spread, long users) {
    return spread.counts().stream().map(c -> new UserShare(c.value(), c.users(), ratio(c.users(), users))).toList();
  }

  @Override
  public VersionAdoption versions(String service, DateRange range) {
    List<VersionUsers> totals = sql.list("SELECT version, COUNT(DISTINCT user_id), SUM(runs) FROM user_daily"
            + RANGE + " GROUP BY version", parameters(service, range),
            row -> new VersionUsers(row.getString(1), row.getLong(2), row.getLong(3)))
        .stream().sorted(byCount(VersionUsers::users, VersionUsers::version)).toList();
    List<VersionDay> days = sql.list("SELECT day, version, COUNT(DISTINCT user_id), SUM(runs) FROM user_daily"
            + RANGE + " GROUP BY day, version", parameters(service, range),
            row -> new VersionDay(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)))
        .stream().sorted(Comparator.comparing(VersionDay::day).thenComparing(VersionDay::version)).toList();
    return new VersionAdoption(totals, days);
  }

  @Override
  public Platforms platforms(String service, DateRange range) {
    // One pass for all three columns instead of a COUNT(DISTINCT) query per column: at 10 million
    // events each of those sorted the range's user_daily rows again, three times the work.
    PlatformSpread os = new PlatformSpread();
    PlatformSpread arch = new PlatformSpread();
    PlatformSpread javaVersion = new PlatformSpread();
    sql.list("SELECT user_id, os, arch, java_version, SUM(runs) FROM user_daily" + RANGE
        + " GROUP BY user_id, os, arch, java_version ORDER BY user_id", parameters(service, range), row -> {
          String user = row.getString(1);
          long runs = row.getLong(5);
          os.add(row.getString(2), user, runs);
          arch.add(row.getString(3), user, runs);
          javaVersion.add(row.getString(4), user, runs);
          return null;
        });
    return new Platforms(os.counts(), arch.counts(), javaVersion.counts());
  }

  @Override
  public Usage features(String service, DateRange range) {
    List<UsageCount> features = new ArrayList<>();
    List<UsageCount> methods = new ArrayList<>();
    sql.list("SELECT kind, name, SUM(uses), COUNT(DISTINCT user_id) FROM usage_daily" + RANGE
        + " GROUP BY kind, name", parameters(service, range), row -> {
          UsageCount usage = new UsageCount(row.getString(2), row.getLong(3), row.getLong(4));
          ("feature".equals(row.getString(1)) ? features : methods).add(usage);
          return null;
        });
    Comparator<UsageCount> order = byCount(UsageCount::count, UsageCount::name);
    return new Usage(features.stream().sorted(order).toList(), methods.stream().sorted(order).toList());
  }

  @Override
  public List<FailurePeriod> failurePeriods(String service, DateRange range, RunFilter filter, Interval interval) {
    String period = interval == Interval.WEEK ? dialect.weekStart("day") : "day";
    List<Object> parameters = new ArrayList<>(parameters(service, range));
    String runs = "release_daily" + RANGE + filtered(filter, parameters);
    return sql.list("SELECT " + period + " AS period_start, SUM(runs), SUM(successes) FROM " + runs
        + " GROUP BY period_start", parameters, row -> {
          LocalDate start = LocalDate.parse(row.getString(1));
          long all = row.getLong(2);
          long failed = all - row.getLong(3);
          return new FailurePeriod(interval == Interval.WEEK ? isoWeek(start) : start.toString(), start.toString(),
              all, failed, ratio(failed, all));
        }).stream().sorted(Comparator.comparing(FailurePeriod::start)).toList();
  }

  @Override
  public List<FailureClass> failures(String service, DateRange range, RunFilter filter) {
    Map<String, List<CommandCount>> byError = new LinkedHashMap<>();
    List<Object> parameters = new ArrayList<>(parameters(service, range));
    String failures = "failure_daily" + RANGE + filtered(filter, parameters);
    sql.list("SELECT error, command, SUM(runs) FROM " + failures + " GROUP BY error, command",
        parameters, row -> {
          byError.computeIfAbsent(row.getString(1), e -> new ArrayList<>())
              .add(new CommandCount(row.getString(2), row.getLong(3)));
          return null;
        });
    return byError.entrySet().stream()
        .map(e -> new FailureClass(e.getKey().isEmpty() ? null : e.getKey(),
            e.getValue().stream().mapToLong(CommandCount::count).sum(),
            e.getValue().stream().sorted(byCount(CommandCount::count, CommandCount::command)).toList()))
        .sorted(byCount(FailureClass::count, f -> f.error() == null ? "" : f.error()))
        .toList();
  }

  @Override
  public Summary summary(String service, DateRange range) {
    List<Object> parameters = parameters(service, range);
    long events = sql.number("SELECT SUM(events) FROM service_daily" + RANGE, parameters);
    long[] runs = sql.list("SELECT SUM(runs), SUM(successes) FROM command_daily"
        + RANGE, parameters, row -> new long[] {row.getLong(1), row.getLong(2)}).get(0);
    long users = sql.number("SELECT COUNT(DISTINCT user_id) FROM user_daily" + RANGE, parameters);
    long ciRuns = sql.number("SELECT SUM(runs) FROM release_daily" + RANGE + " AND ci = 1", parameters);
    return new Summary(events, runs[0], users, ratio(runs[1], runs[0]), runs[0] - runs[1], ciRuns,
        ratio(ciRuns, runs[0]));
  }

  /** The conditions of {@code filter} on a table with version and ci columns; adds their parameters. */
  private static String filtered(RunFilter filter, List<Object> parameters) {
    StringBuilder conditions = new StringBuilder();
    if (filter.version() != null) {
      conditions.append(" AND version = ?");
      parameters.add(filter.version());
    }
    if (filter.ci() != null) {
      conditions.append(" AND ci = ?");
      parameters.add(filter.ci() ? 1 : 0);
    }
    return conditions.toString();
  }

  private static List<Object> parameters(String service, DateRange range) {
    return List.of(service, range.from(), range.to());
  }

  /** Largest count first, then by name, so that equal counts come in a stable order. */
  private static <T> Comparator<T> byCount(ToLongFunction<T> count, Function<T, String> name) {
    return Comparator.<T>comparingLong(count).reversed().thenComparing(name);
  }

  static Double ratio(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  private static String isoWeek(LocalDate monday) {
    return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static CommandStats stats(String command, RunTotals totals) {
    long count = totals.runs();
    return new CommandStats(command, count, ratio(totals.successes(), count), totals.durations().percentile(50),
        totals.durations().percentile(95), count == 0 ? null : Math.round((double) totals.durationSum() / count));
  }
}

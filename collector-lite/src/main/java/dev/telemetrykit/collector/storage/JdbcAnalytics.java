package dev.telemetrykit.collector.storage;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.analytics.DurationHistogram;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
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
  public List<CommandStats> commands(String service, DateRange range, int limit) {
    Map<String, CommandTotals> commands = new LinkedHashMap<>();
    sql.list("SELECT command, bucket, SUM(runs), SUM(successes), SUM(duration_sum)"
        + " FROM command_daily" + RANGE + " GROUP BY command, bucket", parameters(service, range), row -> {
          commands.computeIfAbsent(row.getString(1), CommandTotals::new)
              .add(row.getInt(2), row.getLong(3), row.getLong(4), row.getLong(5));
          return null;
        });
    return commands.values().stream().map(CommandTotals::stats)
        .sorted(byCount(CommandStats::count, CommandStats::command)).limit(limit).toList();
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
    return sql.list("SELECT " + period + " AS period_start, COUNT(DISTINCT user_id) FROM user_daily" + RANGE
        + " GROUP BY period_start", parameters(service, range), row -> {
          LocalDate start = LocalDate.parse(row.getString(1));
          String label = interval == Interval.WEEK ? isoWeek(start) : start.toString();
          return new ActiveUsers(label, start.toString(), row.getLong(2));
        }).stream().sorted(Comparator.comparing(ActiveUsers::start)).toList();
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
  public List<FailureClass> failures(String service, DateRange range) {
    Map<String, List<CommandCount>> byError = new LinkedHashMap<>();
    sql.list("SELECT error, command, SUM(runs) FROM failure_daily" + RANGE + " GROUP BY error, command",
        parameters(service, range), row -> {
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
    return new Summary(events, runs[0], users, ratio(runs[1], runs[0]), runs[0] - runs[1]);
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

  /** One command's runs summed over days and versions, with their duration histogram. */
  private static final class CommandTotals {
    private final String command;
    private final DurationHistogram durations = new DurationHistogram();
    private long successes;
    private long durationSum;

    CommandTotals(String command) {
      this.command = command;
    }

    void add(int bucket, long runs, long successfulRuns, long durationMs) {
      durations.add(bucket, runs);
      successes += successfulRuns;
      durationSum += durationMs;
    }

    CommandStats stats() {
      long count = durations.total();
      return new CommandStats(command, count, ratio(successes, count), durations.percentile(50),
          durations.percentile(95), count == 0 ? null : Math.round((double) durationSum / count));
    }
  }
}

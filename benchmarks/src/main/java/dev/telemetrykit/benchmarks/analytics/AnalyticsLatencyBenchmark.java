package dev.telemetrykit.benchmarks.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetrykit.collector.Collector;
import dev.telemetrykit.collector.CollectorConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the analytics API answers over ten million events: builds (or reuses) a SQLite file and
 * a PostgreSQL schema holding 90 days of synthetic events, starts the real collector in-process on
 * loopback, and times every dashboard report over the last 30 days. See docs/benchmarks.md.
 */
@Command(name = "analytics-benchmark", mixinStandardHelpOptions = true,
    description = "Times the collector's analytics API over 10 million events on SQLite and PostgreSQL.")
public final class AnalyticsLatencyBenchmark implements Callable<Integer> {
  /** Issue 7's target for the top-commands report over 30 days, median. */
  private static final double TARGET_MS = 200;

  enum Backend { sqlite, postgresql, both }

  @Option(names = "--backend", defaultValue = "both", description = "sqlite, postgresql or both (default).")
  Backend backend;

  @Option(names = "--events", defaultValue = "10000000", description = "Events to generate (default 10,000,000).")
  long events;

  @Option(names = "--seed", defaultValue = "20261125")
  long seed;

  @Option(names = "--sqlite-file", description = "Default: benchmarks/target/analytics-latency/events-<events>.db")
  Path sqliteFile;

  @Option(names = "--pg-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
  String postgresUrl;

  @Option(names = "--pg-schema", description = "Default: analytics_bench_<events>")
  String postgresSchema;

  @Option(names = "--regenerate", description = "Generate the data again even when a matching copy exists.")
  boolean regenerate;

  @Option(names = "--warmup", defaultValue = "5", description = "Untimed rounds over all reports (default 5).")
  int warmups;

  @Option(names = "--runs", defaultValue = "30", description = "Timed rounds over all reports (default 30).")
  int runs;

  @Option(names = "--days", defaultValue = "30", description = "The reports' range, ending on the last day of data.")
  int days;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AnalyticsLatencyBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<BenchmarkDatabase> databases = new ArrayList<>();
    if (backend != Backend.postgresql) {
      databases.add(new SqliteDatabase(sqliteFile != null ? sqliteFile
          : Path.of("benchmarks", "target", "analytics-latency", "events-" + events + ".db")));
    }
    if (backend != Backend.sqlite) {
      databases.add(new PostgresDatabase(postgresUrl,
          postgresSchema != null ? postgresSchema : "analytics_bench_" + events));
    }
    List<String> table = new ArrayList<>();
    boolean met = true;
    for (BenchmarkDatabase database : databases) {
      try {
        met &= measure(database, table);
      } catch (Exception e) { // e.g. no PostgreSQL server: still report the other backend
        e.printStackTrace();
        table.add(String.format("%-11s FAILED: %s", database.name(), e));
        met = false;
      }
    }
    System.out.println();
    System.out.printf("Analytics latency over HTTP, %,d events in 90 days, reports over %d days,"
        + " %d warm-up + %d timed rounds%n", events, days, warmups, runs);
    System.out.printf("%-11s %-32s %10s %10s %10s%n", "backend", "report", "median ms", "p95 ms", "max ms");
    table.forEach(System.out::println);
    System.out.println("load average (1, 5, 15 min) at the end: " + loadAverage());
    return met ? 0 : 1;
  }

  private boolean measure(BenchmarkDatabase database, List<String> table) throws Exception {
    Optional<DatasetBuilder.Generation> generation = DatasetBuilder.ensure(database, events, seed, regenerate);
    RollupTotals.verifyServiceTotal(database, events);
    String service = DataShape.SERVICES.get(0).name(); // the largest: the slowest reports
    LocalDate to = DataShape.LAST_DAY;
    LocalDate from = to.minusDays(days - 1);
    String range = "?from=" + from + "&to=" + to;
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    Clock clock = Clock.fixed(to.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    long start = System.nanoTime();
    try (Collector collector = Collector.start(
        new CollectorConfig(0, "127.0.0.1", database.jdbcUrl(), 400).withAdminToken(token), clock)) {
      System.out.printf("%s: collector started in %.1f s (%s)%n", database.name(), (System.nanoTime() - start) / 1e9,
          database.size());
      AnalyticsClient client = new AnalyticsClient(collector.uri(), token);
      String base = "/api/services/" + service;
      JsonNode top = client.getJson(base + "/commands" + range);
      double rawMs = TopCommandsCheck.verify(database, top, service, from, to);
      System.out.printf("%s: top commands match a count over the events table (which took %.0f ms)%n",
          database.name(), rawMs);
      String topCommand = URLEncoder.encode(top.get("commands").get(0).get("command").asText(),
          StandardCharsets.UTF_8).replace("+", "%20");
      List<ReportTimer.Report> reports = List.of(
          new ReportTimer.Report("top commands (target)", base + "/commands" + range),
          new ReportTimer.Report("summary", base + "/summary" + range),
          new ReportTimer.Report("active users, daily", base + "/active-users" + range + "&interval=day"),
          new ReportTimer.Report("active users, weekly", base + "/active-users" + range + "&interval=week"),
          new ReportTimer.Report("versions", base + "/versions" + range),
          new ReportTimer.Report("platforms", base + "/platforms" + range),
          new ReportTimer.Report("features", base + "/features" + range),
          new ReportTimer.Report("failures", base + "/failures" + range),
          new ReportTimer.Report("options of the top command", base + "/commands/" + topCommand + "/options" + range),
          new ReportTimer.Report("releases", base + "/releases" + range),
          new ReportTimer.Report("releases, not in CI", base + "/releases" + range + "&ci=false"),
          new ReportTimer.Report("commands of one version", base + "/commands" + range + "&version=1.4.0"),
          new ReportTimer.Report("failures per day, one version", base + "/failures" + range + "&version=1.4.0&interval=day"),
          new ReportTimer.Report("custom events", base + "/events" + range),
          new ReportTimer.Report("feature properties", base + "/events/feature_used/properties" + range),
          new ReportTimer.Report("deprecation", base + "/deprecation" + range),
          new ReportTimer.Report("services", "/api/services"));
      System.out.printf("%s: timing %d reports, load average %s%n", database.name(), reports.size(), loadAverage());
      Map<ReportTimer.Report, Latency> latencies = ReportTimer.time(client, reports, warmups, runs);
      latencies.forEach((report, latency) -> table.add(String.format("%-11s %-32s %10.1f %10.1f %10.1f",
          database.name(), report.label(), latency.medianMs(), latency.p95Ms(), latency.maxMs())));
      table.add(String.format("%-11s %-32s %10.0f %10s %10s", database.name(),
          "top commands from raw events", rawMs, "(once)", ""));
      generation.ifPresent(g -> table.add(String.format("%-11s generated %,d events: bulk insert + indexes %.0f s,"
          + " rollups by migration 2.1 %.0f s; %s", database.name(), g.events(), g.insertSeconds(), g.rollupSeconds(),
          sizeOrUnknown(database))));
      double median = latencies.values().iterator().next().medianMs();
      boolean met = median <= TARGET_MS;
      table.add(String.format("%-11s target: top commands over %d days, median %.1f ms <= %.0f ms: %s",
          database.name(), days, median, TARGET_MS, met ? "MET" : "MISSED"));
      return met;
    }
  }

  private static String sizeOrUnknown(BenchmarkDatabase database) {
    try {
      return database.size();
    } catch (Exception e) {
      return "size unknown";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}

package dev.telemetrykit.collector.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.Analytics.CommandStats;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import dev.telemetrykit.collector.storage.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How long the top-commands report takes over 30 days of a million synthetic events in SQLite,
 * through the rollups, and how long the same answer takes from the raw events table.
 *
 * <p>Not a test (it takes minutes): run it from collector-lite/ after {@code mvn test-compile} with
 * <pre>
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.telemetrykit.collector.benchmark.TopCommandsBenchmark [events] [database file]
 * </pre>
 * The data is generated with a fixed seed: 20 commands with skewed popularity, 2,000 users,
 * 5 versions, 3 operating systems, log-normal durations (median about 200 ms), 5% failures;
 * 85% of events are command runs, the rest feature and method events; spread evenly over 30 days,
 * sent in batches of 50 events of one user and day, as the SDK sends them.
 */
public final class TopCommandsBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "bench-cli";
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 25);
  private static final int DAYS = 30;
  private static final int RUNS = 30;
  /** Events per batch: what one user's machine sends at a time. */
  private static final int BATCH = 50;

  private TopCommandsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("bench").resolve("bench.db");
    String url = "jdbc:sqlite:" + file;
    DateRange range = new DateRange(LAST_DAY.minusDays(DAYS - 1), LAST_DAY);
    try (EventStore store = EventStore.open(url)) {
      long start = System.nanoTime();
      generate(store, events, new Random(20261125));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("stored %,d events in %.1f s (%,.0f events/s, batches of " + BATCH + ", rollups included)%n",
          events, seconds, events / seconds);
      printSizes(url);

      Analytics analytics = store.analytics();
      List<CommandStats> top = analytics.commands(SERVICE, range, 100);
      System.out.printf("top command: %s%n", top.get(0));
      report("top commands, rollups (GET .../commands)", () -> analytics.commands(SERVICE, range, 100));
      report("top commands, raw events (exact percentiles)", () -> fromEvents(url, range));
      report("summary, rollups", () -> analytics.summary(SERVICE, range));
      report("daily active users, rollups", () -> analytics.activeUsers(SERVICE, range, Analytics.Interval.DAY));
    }
    System.out.println("database: " + file + " (" + Files.size(file) / (1 << 20) + " MiB)");
  }

  private static void generate(EventStore store, int count, Random random) {
    String[] users = new String[2_000];
    for (int i = 0; i < users.length; i++) {
      byte[] id = new byte[32];
      random.nextBytes(id);
      users[i] = HexFormat.of().formatHex(id);
    }
    String[] versions = {"1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0"};
    String[] systems = {"linux", "mac", "windows"};
    long firstMillis = LAST_DAY.minusDays(DAYS - 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    List<Event> batch = new ArrayList<>(BATCH);
    for (int stored = 0; stored < count; stored += batch.size()) {
      // Like the SDK: one user's events of one day in a batch, with that user's version and platform.
      int user = random.nextInt(users.length);
      long dayStart = firstMillis + random.nextInt(DAYS) * 86_400_000L;
      batch.clear();
      for (int i = 0; i < Math.min(BATCH, count - stored); i++) {
        ObjectNode metadata = metadata(random)
            .put("version", versions[user % versions.length])
            .put("os", systems[(user / 7) % systems.length])
            .put("arch", "amd64")
            .put("java_version", "17.0.15");
        String type = metadata.has("command") ? "command_executed" : metadata.has("feature") ? "feature_used" : "method_called";
        long ts = dayStart + (long) (random.nextDouble() * 86_400_000L);
        batch.add(new Event(UUID.randomUUID().toString(), type, ts, users[user], UUID.randomUUID().toString(), metadata));
      }
      store.store(new Batch(SERVICE, "2.0.0", batch));
    }
  }

  /** 85% command runs (skewed over 20 commands, log-normal durations, 5% failures), 10% features, 5% methods. */
  private static ObjectNode metadata(Random random) {
    ObjectNode metadata = JSON.createObjectNode();
    double kind = random.nextDouble();
    if (kind < 0.85) {
      int command = (int) Math.min(19, Math.floor(-Math.log(1 - random.nextDouble()) * 4));
      boolean success = random.nextDouble() >= 0.05;
      metadata.put("command", "command-" + command)
          .put("success", success)
          .put("duration_ms", Math.round(Math.exp(Math.log(200) + random.nextGaussian())))
          .put("exit_code", success ? 0 : 1);
      metadata.putArray("options").add("--verbose");
      if (!success) {
        metadata.put("error", "java.io.IOException");
      }
    } else if (kind < 0.95) {
      metadata.put("feature", "feature-" + random.nextInt(10));
    } else {
      metadata.put("method", "Api::call" + random.nextInt(10));
    }
    return metadata;
  }

  /** What the report would cost without rollups: every run's duration read and sorted. */
  private static Map<String, long[]> fromEvents(String url, DateRange range) {
    Map<String, List<Long>> durations = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement query = connection.prepareStatement("SELECT command, duration_ms FROM events"
            + " WHERE service = ? AND event_type = 'command_executed' AND day BETWEEN ? AND ?")) {
      query.setString(1, SERVICE);
      query.setString(2, range.from().toString());
      query.setString(3, range.to().toString());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          durations.computeIfAbsent(rows.getString(1), c -> new ArrayList<>()).add(rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Map<String, long[]> result = new HashMap<>();
    durations.forEach((command, list) -> {
      long[] sorted = list.stream().mapToLong(Long::longValue).sorted().toArray();
      result.put(command, new long[] {sorted.length, sorted[(sorted.length - 1) / 2], sorted[(int) Math.ceil(0.95 * sorted.length) - 1]});
    });
    return result;
  }

  private static void report(String name, Supplier<?> query) {
    for (int i = 0; i < 3; i++) {
      query.get(); // warm-up: class loading, JIT, SQLite page cache
    }
    long[] micros = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      query.get();
      micros[i] = (System.nanoTime() - start) / 1_000;
    }
    Arrays.sort(micros);
    System.out.printf("%-46s median %7.1f ms  p90 %7.1f ms  max %7.1f ms  (%d runs)%n", name,
        micros[RUNS / 2] / 1e3, micros[(int) (RUNS * 0.9)] / 1e3, micros[RUNS - 1] / 1e3, RUNS);
  }

  private static void printSizes(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      for (String table : List.of("events", "command_daily", "user_daily", "option_daily", "failure_daily",
          "usage_daily", "service_daily")) {
        try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
          count.next();
          System.out.printf("  %-14s %,10d rows%n", table, count.getLong(1));
        }
      }
    }
  }
}

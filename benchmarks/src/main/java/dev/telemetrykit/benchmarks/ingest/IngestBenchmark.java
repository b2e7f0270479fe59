package dev.telemetrykit.benchmarks.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Collector ingest throughput over loopback: the parse-only endpoint, a SQLite collector and a
 * PostgreSQL collector, all in this JVM, measured in the same run in rounds of shuffled order so
 * that they share the machine's noise. Reports medians and ratios to parse-only, then checks that
 * every acknowledged event is stored exactly once.
 *
 * <pre>
 * java -jar benchmarks/target/ingest-benchmark.jar [--senders 12] [--rounds 5] [--seconds 5]
 *     [--warmup 8] [--postgres jdbc:postgresql://127.0.0.1:5432/test?user=postgres] [--only SQLite,PostgreSQL]
 * </pre>
 */
public final class IngestBenchmark {
  private static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  private static final double SETTLE_SECONDS = 1;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> options = options(args);
    int senders = Integer.parseInt(options.getOrDefault("senders", "12"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "5"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup", "8"));
    String postgres = options.getOrDefault("postgres", DEFAULT_POSTGRES);
    List<String> only = List.of(options.getOrDefault("only", "parse-only,SQLite,PostgreSQL").split(","));

    Path directory = Files.createTempDirectory("ingest-bench-");
    String schema = "ingest_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(postgres, "CREATE SCHEMA " + schema);
    String postgresUrl = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;

    System.out.printf(Locale.ROOT, "Collector ingest: %d senders, batches of %d events, %d rounds of %.0f s after"
            + " %.0f s warm-up, %d cores, java %s, load average before: %s%n", senders, BatchBodies.EVENTS, rounds,
        seconds, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        LoadAverage.read());
    List<IngestTarget> targets = new ArrayList<>();
    Map<IngestTarget, Tally> tallies = new LinkedHashMap<>();
    try {
      // parse-only always runs: the ratios need it.
      targets.add(IngestTarget.parseOnly());
      if (only.contains("SQLite")) {
        targets.add(IngestTarget.sqlite(directory));
      }
      if (only.contains("PostgreSQL")) {
        targets.add(IngestTarget.collector("PostgreSQL", postgresUrl));
      }
      long timestamp = System.currentTimeMillis() - 60_000;
      int sender = 0;
      Random random = new Random();
      long runPrefix = random.nextInt(1 << 16) << 8;
      for (IngestTarget target : targets) {
        List<BatchBodies> bodies = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
          bodies.add(new BatchBodies(runPrefix + sender++, timestamp));
        }
        tallies.put(target, new Tally(bodies));
      }
      for (IngestTarget target : targets) {
        Tally tally = tallies.get(target);
        tally.add(LoadRun.run(target, tally.bodies, warmup, 0.5), false);
        System.out.printf(Locale.ROOT, "warm-up %-10s %,9.0f events/s%n", target.name,
            tally.last.eventsPerSecond());
      }
      for (int round = 1; round <= rounds; round++) {
        List<IngestTarget> order = new ArrayList<>(targets);
        Collections.shuffle(order, random);
        StringBuilder line = new StringBuilder("round " + round + ":");
        for (IngestTarget target : order) {
          Tally tally = tallies.get(target);
          tally.add(LoadRun.run(target, tally.bodies, SETTLE_SECONDS, seconds), true);
          line.append(String.format(Locale.ROOT, "  %s %,.0f/s (machine %.2f cores, JVM %.2f, writer %.2f,"
                  + " senders %.2f)", target.name, tally.last.eventsPerSecond(), tally.last.machine().machineCores(),
              tally.last.machine().jvmCores(), tally.last.machine().writerCores(), tally.last.senderCores()));
        }
        System.out.println(line);
      }
    } finally {
      for (IngestTarget target : targets) {
        target.close(); // drains what the collector accepted before the counts are read
      }
    }
    boolean exact = Report.print(tallies, LoadAverage.read());
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    execute(postgres, "DROP SCHEMA " + schema + " CASCADE");
    if (!exact) {
      System.exit(1);
    }
  }

  /** What one target acknowledged and how fast, over all its runs. */
  static final class Tally {
    final List<BatchBodies> bodies;
    final List<LoadRun.Result> measured = new ArrayList<>();
    long acknowledged;
    long duplicates;
    LoadRun.Result last;

    Tally(List<BatchBodies> bodies) {
      this.bodies = bodies;
    }

    void add(LoadRun.Result result, boolean measuredRun) {
      acknowledged += result.acknowledged();
      duplicates += result.duplicates();
      last = result;
      if (measuredRun) {
        measured.add(result);
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("usage: [--senders N] [--rounds N] [--seconds S] [--warmup S]"
            + " [--postgres JDBC-URL] [--only SQLite,PostgreSQL]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

package dev.telemetrykit.benchmarks.ingest;

import dev.telemetrykit.collector.Collector;
import dev.telemetrykit.collector.CollectorConfig;
import dev.telemetrykit.collector.http.CollectorApp;
import dev.telemetrykit.collector.http.HealthRoutes;
import dev.telemetrykit.collector.http.IngestRoutes;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.security.IngestKeys;
import dev.telemetrykit.collector.security.RateLimiter;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** One collector under load: its name in the table, where it listens, and how to count what it stored. */
abstract class IngestTarget implements AutoCloseable {
  /** The default retention, as the product ships it. */
  static final int RETENTION_DAYS = 400;

  final String name;

  IngestTarget(String name) {
    this.name = name;
  }

  /** False for the parse-only endpoint, which has nothing to count afterwards. */
  boolean keepsEvents() {
    return true;
  }

  abstract String host();

  abstract int port();

  /** Rows in the events table and the sum of service_daily.events, read after {@link #close()}; null: none. */
  abstract long[] storedCounts() throws SQLException;

  @Override
  public abstract void close();

  /** The real HTTP server and ingest routes (limits, body reading, JSON, validation), with a store that discards. */
  static IngestTarget parseOnly() {
    DiscardingEventStore store = new DiscardingEventStore();
    RateLimiter unlimited = RateLimiter.perMinute(0, System::nanoTime, new SecureRandom());
    Javalin app = CollectorApp.create(new HealthRoutes(), new IngestRoutes(store,
            new BatchValidator(Clock.systemUTC(), Duration.ofDays(RETENTION_DAYS)), IngestKeys.of(Map.of()), unlimited))
        .start("127.0.0.1", 0);
    return new IngestTarget("parse-only") {
      @Override
      boolean keepsEvents() {
        return false;
      }

      @Override
      String host() {
        return "127.0.0.1";
      }

      @Override
      int port() {
        return app.port();
      }

      @Override
      long[] storedCounts() {
        return null;
      }

      @Override
      public void close() {
        app.stop();
      }
    };
  }

  /**
   * A whole collector as {@code Collector.start} builds it, on {@code jdbcUrl}, with the rate limit
   * off: every sender shares the loopback address, which the default limit would throttle.
   */
  static IngestTarget collector(String name, String jdbcUrl) {
    Collector collector = Collector.start(
        new CollectorConfig(0, "127.0.0.1", jdbcUrl, RETENTION_DAYS).withRateLimit(0), Clock.systemUTC());
    return new IngestTarget(name) {
      @Override
      String host() {
        return collector.uri().getHost();
      }

      @Override
      int port() {
        return collector.uri().getPort();
      }

      @Override
      long[] storedCounts() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
            Statement statement = connection.createStatement()) {
          return new long[] {count(statement, "SELECT count(*) FROM events"),
              count(statement, "SELECT coalesce(sum(events), 0) FROM service_daily")};
        }
      }

      @Override
      public void close() {
        collector.close();
      }
    };
  }

  static IngestTarget sqlite(Path directory) {
    return collector("SQLite", "jdbc:sqlite:" + directory.resolve("collector.db"));
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}

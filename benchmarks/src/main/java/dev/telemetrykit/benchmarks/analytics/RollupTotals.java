package dev.telemetrykit.benchmarks.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Checks that the rollups count every stored event exactly once. */
final class RollupTotals {
  private static final String RUN = "event_type = 'command_executed' AND command IS NOT NULL"
      + " AND success IS NOT NULL AND duration_ms IS NOT NULL";

  private RollupTotals() {}

  /** After a generation: every rollup total against the events table (full scans, some seconds). */
  static void verify(BenchmarkDatabase database, long expectedEvents) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      same("events stored", expectedEvents, number(statement, "SELECT COUNT(*) FROM events"));
      same("service_daily events", expectedEvents, number(statement, "SELECT SUM(events) FROM service_daily"));
      same("user_daily events", expectedEvents, number(statement, "SELECT SUM(events) FROM user_daily"));
      long runs = number(statement, "SELECT COUNT(*) FROM events WHERE " + RUN);
      same("command_daily runs", runs, number(statement, "SELECT SUM(runs) FROM command_daily"));
      same("user_daily runs", runs, number(statement, "SELECT SUM(runs) FROM user_daily"));
      same("usage_daily uses",
          number(statement, "SELECT COUNT(*) FROM events WHERE event_type IN ('feature_used', 'method_called')"),
          number(statement, "SELECT SUM(uses) FROM usage_daily"));
      System.out.printf("%s: rollup totals equal the events table (%,d events, %,d runs)%n",
          database.name(), expectedEvents, runs);
    }
  }

  /** Before every measurement: the cheap check that the cached data set is whole. */
  static void verifyServiceTotal(BenchmarkDatabase database, long expectedEvents) throws SQLException {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      same("service_daily events", expectedEvents, number(statement, "SELECT SUM(events) FROM service_daily"));
    }
  }

  static long number(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static void same(String what, long expected, long actual) {
    if (expected != actual) {
      throw new IllegalStateException(what + ": expected " + expected + ", found " + actual);
    }
  }
}

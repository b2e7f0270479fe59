package dev.telemetrykit.benchmarks.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares the top-commands report with the same figures counted straight from the events table:
 * order, runs, success rate and mean exactly, p50/p95 of the top three within the histogram's
 * documented precision (9.1% + 0.5 ms).
 */
final class TopCommandsCheck {
  private record Exact(String command, long count, long successes, long durationSum) {}

  private TopCommandsCheck() {}

  /** @return how long the direct query over the events table took, in milliseconds */
  static double verify(BenchmarkDatabase database, JsonNode report, String service, LocalDate from, LocalDate to)
      throws SQLException {
    try (Connection connection = database.connect()) {
      long start = System.nanoTime();
      List<Exact> exact = exactCounts(connection, database, service, from, to);
      double rawMs = (System.nanoTime() - start) / 1e6;
      JsonNode commands = report.get("commands");
      check(commands.size() == exact.size(), "commands listed: " + commands.size() + ", in events: " + exact.size());
      for (int i = 0; i < exact.size(); i++) {
        Exact expected = exact.get(i);
        JsonNode actual = commands.get(i);
        check(expected.command().equals(actual.get("command").asText()),
            "rank " + (i + 1) + ": expected " + expected.command() + ", got " + actual.get("command").asText());
        check(expected.count() == actual.get("count").asLong(), expected.command() + " count");
        double rate = Math.round(expected.successes() * 10_000.0 / expected.count()) / 10_000.0;
        check(rate == actual.get("success_rate").asDouble(), expected.command() + " success_rate");
        check(Math.round((double) expected.durationSum() / expected.count()) == actual.get("mean_ms").asLong(),
            expected.command() + " mean_ms");
        if (i < 3) {
          long[] durations = durations(connection, database, service, expected.command(), from, to);
          within(expected.command() + " p50", percentile(durations, 50), actual.get("p50_ms").asLong());
          within(expected.command() + " p95", percentile(durations, 95), actual.get("p95_ms").asLong());
        }
      }
      return rawMs;
    }
  }

  private static List<Exact> exactCounts(Connection connection, BenchmarkDatabase database, String service,
      LocalDate from, LocalDate to) throws SQLException {
    String day = database.dayParameter();
    List<Exact> rows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT command, COUNT(*),"
        + " SUM(CASE WHEN success THEN 1 ELSE 0 END), SUM(duration_ms) FROM events"
        + " WHERE service = ? AND event_type = 'command_executed' AND day BETWEEN " + day + " AND " + day
        + " AND command IS NOT NULL AND success IS NOT NULL AND duration_ms IS NOT NULL GROUP BY command")) {
      query.setString(1, service);
      query.setString(2, from.toString());
      query.setString(3, to.toString());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(new Exact(result.getString(1), result.getLong(2), result.getLong(3), result.getLong(4)));
        }
      }
    }
    rows.sort(Comparator.comparingLong(Exact::count).reversed().thenComparing(Exact::command));
    return rows;
  }

  private static long[] durations(Connection connection, BenchmarkDatabase database, String service,
      String command, LocalDate from, LocalDate to) throws SQLException {
    String day = database.dayParameter();
    List<Long> values = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT duration_ms FROM events"
        + " WHERE service = ? AND event_type = 'command_executed' AND command = ? AND day BETWEEN " + day
        + " AND " + day + " AND success IS NOT NULL AND duration_ms IS NOT NULL")) {
      query.setString(1, service);
      query.setString(2, command);
      query.setString(3, from.toString());
      query.setString(4, to.toString());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          values.add(result.getLong(1));
        }
      }
    }
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** Nearest rank, as the collector defines its percentiles. */
  private static long percentile(long[] sorted, int percent) {
    return sorted[(int) Math.ceil(percent / 100.0 * sorted.length) - 1];
  }

  private static void within(String what, long exact, long reported) {
    check(Math.abs(reported - exact) <= exact * 0.091 + 0.5, what + ": exact " + exact + ", reported " + reported);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("top commands differ from the events table: " + what);
    }
  }
}

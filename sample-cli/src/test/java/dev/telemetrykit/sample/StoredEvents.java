package dev.telemetrykit.sample;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The events collector-lite stored, read from its SQLite file rather than through its API, so that
 * every stored row counts, duplicates included (the API only shows aggregates).
 */
record StoredEvents(Path database) {
  /** The collector that {@link RunningCollector#start} started in {@code dir}. */
  static StoredEvents of(Path dir) {
    return new StoredEvents(dir.resolve("collector.db"));
  }

  /** The event id of every stored row of {@code userId}. */
  /**
   * How long after {@code sinceNanos} ({@link System#nanoTime}) the first event of {@code userId}
   * was seen stored, polling every 50 ms; empty if none within {@code withinMillis}.
   */
  OptionalLong millisUntilStored(String userId, long sinceNanos, long withinMillis) throws InterruptedException {
    long deadline = sinceNanos + TimeUnit.MILLISECONDS.toNanos(withinMillis);
    while (true) {
      long now = System.nanoTime();
      try {
        if (!eventIds(userId).isEmpty()) {
          return OptionalLong.of((now - sinceNanos) / 1_000_000);
        }
      } catch (SQLException busy) {
        // the collector is writing this moment: look again at the next poll
      }
      if (now > deadline) {
        return OptionalLong.empty();
      }
      Thread.sleep(50);
    }
  }

  /** Every stored event of {@code userId}: its runs' events and the command inventory. */
  List<String> eventIds(String userId) throws SQLException {
    return column("event_id", userId);
  }

  /** The stored events of {@code userId}'s runs ({@code command_executed}). */
  List<String> runEventIds(String userId) throws SQLException {
    return column("CASE WHEN event_type = 'command_executed' THEN event_id END", userId).stream()
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The types of {@code userId}'s stored events other than runs' events, once each. */
  List<String> otherEventTypes(String userId) throws SQLException {
    return column("event_type", userId).stream().filter(type -> !type.equals("command_executed")).distinct().toList();
  }

  /**
   * The {@code --region} value of every stored row of {@code userId}: the tests tag each run with
   * its own region, so this names the run each stored event came from.
   */
  List<String> regions(String userId) throws SQLException {
    return column("CASE WHEN event_type = 'command_executed'"
        + " THEN coalesce(json_extract(metadata, '$.option_values.\"--region\"'), '') END", userId).stream()
        .filter(java.util.Objects::nonNull).map(region -> region.isEmpty() ? null : region).toList();
  }

  private List<String> column(String expression, String userId) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement ps = c.prepareStatement("SELECT " + expression + " FROM events WHERE user_id = ?")) {
      ps.setString(1, userId);
      List<String> values = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}

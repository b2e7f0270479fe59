package dev.telemetrykit.picocli.internal.queue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The last batches sent from a queue, with the collector's answers: {@code telemetry show --sent}. */
public final class SentLog {
  /** How many sent batches {@code telemetry show --sent} can list. */
  public static final int KEEP = 20;

  private final EventQueue queue;

  SentLog(EventQueue queue) {
    this.queue = queue;
  }

  /** Remembers a sent batch for {@code telemetry show --sent}; keeps the last {@code keep}. */
  public void add(long sentAt, int events, String outcome, String body, int keep) throws SQLException {
    queue.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO sent_batches (sent_at, events, outcome, body) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, sentAt);
        ps.setInt(2, events);
        ps.setString(3, outcome);
        ps.setString(4, body);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM sent_batches WHERE id NOT IN (SELECT id FROM sent_batches ORDER BY id DESC LIMIT ?)")) {
        ps.setInt(1, keep);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** The most recently sent batches, newest first. */
  public List<SentBatch> recent(int limit) throws SQLException {
    List<SentBatch> out = new ArrayList<>();
    try (PreparedStatement ps = queue.connection().prepareStatement(
        "SELECT sent_at, events, outcome, body FROM sent_batches ORDER BY id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SentBatch(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return out;
  }
}

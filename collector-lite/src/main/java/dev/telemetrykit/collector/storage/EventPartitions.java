package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The day partitions of PostgreSQL's events table (migration 6): {@code events_YYYYMMDD}, holding
 * the events of one UTC day. A partition is created before the first event of its day is stored,
 * and retention drops whole partitions instead of deleting rows.
 *
 * <p>Several collectors may share one database, so creating and dropping happen under one
 * transaction-scoped advisory lock, with {@code IF [NOT] EXISTS}: whichever collector comes first
 * does the work, the others find it done. Each collector remembers the days it has seen exist, so
 * storing a batch asks the database nothing once its days' partitions are there.
 */
final class EventPartitions {
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String PREFIX = "events_";
  /** pg_advisory_xact_lock's key for partition changes: "tkevpart" in ASCII. */
  private static final long LOCK_KEY = 0x746b65767061_7274L;

  private final Set<LocalDate> existing = ConcurrentHashMap.newKeySet();

  /**
   * Makes sure a partition exists for each of {@code days}, in a transaction of its own on {@code
   * connection}, which must be in auto-commit mode and is left in it.
   */
  void ensure(Connection connection, Collection<LocalDate> days) throws SQLException {
    Set<LocalDate> missing = new TreeSet<>();
    for (LocalDate day : days) {
      if (!existing.contains(day)) {
        missing.add(day);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      lock(statement);
      for (LocalDate day : missing) {
        statement.execute("CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF events FOR VALUES FROM ('"
            + day + "') TO ('" + day.plusDays(1) + "')");
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    existing.addAll(missing);
  }

  /**
   * Drops the partitions of days before {@code firstKeptDay}, in the caller's transaction; returns
   * how many events they held.
   */
  int dropBefore(Connection connection, LocalDate firstKeptDay) throws SQLException {
    int dropped = 0;
    try (Statement statement = connection.createStatement()) {
      lock(statement);
      for (LocalDate day : days(connection)) {
        if (day.isBefore(firstKeptDay)) {
          // Counted for the retention log; a count reads the partition once, where deleting its
          // rows would also have written each of them to the WAL and left the table to vacuum.
          try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + name(day))) {
            count.next();
            dropped += count.getInt(1);
          }
          statement.execute("DROP TABLE IF EXISTS " + name(day));
          existing.remove(day);
        }
      }
    }
    return dropped;
  }

  /** The days that have a partition now, oldest first. */
  static List<LocalDate> days(Connection connection) throws SQLException {
    List<LocalDate> days = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = CAST('events' AS regclass) ORDER BY c.relname")) {
      try (ResultSet names = select.executeQuery()) {
        while (names.next()) {
          LocalDate day = dayOf(names.getString(1));
          if (day != null) {
            days.add(day);
          }
        }
      }
    }
    return days;
  }

  private static void lock(Statement statement) throws SQLException {
    try (ResultSet ignored = statement.executeQuery("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")")) {
      // held until the transaction ends
    }
  }

  static String name(LocalDate day) {
    return PREFIX + SUFFIX.format(day);
  }

  /** The day of a partition's name; null for a table that is not one of ours. */
  private static LocalDate dayOf(String name) {
    if (!name.startsWith(PREFIX) || name.length() != PREFIX.length() + 8) {
      return null;
    }
    try {
      return LocalDate.parse(name.substring(PREFIX.length()), SUFFIX);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}

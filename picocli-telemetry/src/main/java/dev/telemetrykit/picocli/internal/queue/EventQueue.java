package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The local queue of unsent events: {@code <tool>.db}, an SQLite database in WAL mode that any
 * number of processes of the same tool may use at once.
 *
 * <p>Writers begin {@code IMMEDIATE} transactions: a deferred transaction that upgrades from read
 * to write fails with {@code SQLITE_BUSY_SNAPSHOT} without waiting for the busy timeout. A file
 * that is not a database, or a corrupt one, is moved aside to {@code <tool>.db.corrupt} and a new
 * queue is created: losing queued usage data is better than failing forever.
 */
public final class EventQueue implements AutoCloseable {
  /** Counts events dropped because the queue was full. */
  public static final String DROPPED_OVERFLOW = "dropped_overflow";
  /** Counts journal entries that could not be read. */
  public static final String DROPPED_MALFORMED = "dropped_malformed";
  /** Counts events the collector refused (a 4xx other than 408, 413 and 429). */
  public static final String DROPPED_REJECTED = "dropped_rejected";
  /** Counts single events too large for the collector (413 for a batch of one). */
  public static final String DROPPED_TOO_LARGE = "dropped_too_large";

  private static final int BUSY_TIMEOUT_MILLIS = 3000;

  private final Connection connection;

  private EventQueue(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the queue at {@code file}, migrating its schema. */
  public static EventQueue open(Path file) throws SQLException, IOException {
    SafeFiles.prepareDatabase(file);
    NativeLibraryDirectory.chooseFor(file.toAbsolutePath().getParent());
    SqliteNativeLibrary.require();
    try {
      return new EventQueue(connect(file));
    } catch (SQLException e) {
      if (!isCorrupt(e)) {
        throw e;
      }
      moveAside(file);
      SafeFiles.prepareDatabase(file);
      return new EventQueue(connect(file));
    }
  }

  /** Where a corrupt queue is moved. */
  public static Path corruptCopy(Path file) {
    return file.resolveSibling(file.getFileName() + ".corrupt");
  }

  /** Deletes the queue file and its WAL and shared-memory files. */
  public static void deleteFiles(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
  }

  /**
   * Inserts events, ignoring any whose id is already queued, then drops the oldest beyond {@code
   * cap}. One transaction: all or nothing.
   *
   * @return how many events were new
   */
  public int insert(List<QueuedEvent> events, int cap) throws SQLException {
    return inTransaction(c -> {
      int added = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT OR IGNORE INTO events (event_id, event_type, timestamp, service_version, body)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        for (QueuedEvent e : events) {
          ps.setString(1, e.eventId());
          ps.setString(2, e.eventType());
          ps.setLong(3, e.timestamp());
          ps.setString(4, e.serviceVersion());
          ps.setString(5, e.body());
          added += ps.executeUpdate();
        }
      }
      int dropped = dropBeyond(c, cap);
      if (dropped > 0) {
        increment(c, DROPPED_OVERFLOW, dropped);
      }
      return added;
    });
  }

  /** Adds {@code delta} to a counter. */
  public void count(String counter, long delta) throws SQLException {
    inTransaction(c -> {
      increment(c, counter, delta);
      return null;
    });
  }

  /** The value of a counter, 0 if never counted. */
  public long counter(String name) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** How many events are queued. */
  public int size() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * The oldest events that share the oldest event's service version, at most {@code limit}: what
   * one batch carries, since a batch names a single service version.
   */
  public List<QueuedEvent> nextBatch(int limit) throws SQLException {
    List<QueuedEvent> out = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT event_id, event_type, timestamp, service_version, body FROM events"
                + " WHERE service_version = (SELECT service_version FROM events ORDER BY timestamp, seq LIMIT 1)"
                + " ORDER BY timestamp, seq LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QueuedEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  /**
   * Claims the oldest unclaimed events of one service version for {@code owner} until {@code
   * leaseUntil}: one immediate transaction, so two senders never claim the same rows.
   */
  public List<QueuedEvent> claim(String owner, int limit, long now, long leaseUntil) throws SQLException {
    return inTransaction(c -> {
      List<QueuedEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT event_id, event_type, timestamp, service_version, body FROM events"
              + " WHERE lease_until <= ? AND service_version = (SELECT service_version FROM events"
              + " WHERE lease_until <= ? ORDER BY timestamp, seq LIMIT 1)"
              + " ORDER BY timestamp, seq LIMIT ?")) {
        ps.setLong(1, now);
        ps.setLong(2, now);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new QueuedEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE events SET lease_owner = ?, lease_until = ? WHERE event_id = ?")) {
        for (QueuedEvent e : out) {
          ps.setString(1, owner);
          ps.setLong(2, leaseUntil);
          ps.setString(3, e.eventId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return out;
    });
  }

  /** Deletes events {@code owner} claimed, once the collector has them (or refused them for good). */
  public void remove(String owner, List<QueuedEvent> events, String droppedCounter) throws SQLException {
    inTransaction(c -> {
      int removed = 0;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE event_id = ? AND lease_owner = ?")) {
        for (QueuedEvent e : events) {
          ps.setString(1, e.eventId());
          ps.setString(2, owner);
          removed += ps.executeUpdate();
        }
      }
      if (droppedCounter != null && removed > 0) {
        increment(c, droppedCounter, removed);
      }
      return null;
    });
  }

  /** Gives up {@code owner}'s claim on events, so the next attempt sends them again. */
  public void release(String owner, List<QueuedEvent> events) throws SQLException {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE events SET lease_owner = NULL, lease_until = 0 WHERE event_id = ? AND lease_owner = ?")) {
        for (QueuedEvent e : events) {
          ps.setString(1, e.eventId());
          ps.setString(2, owner);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** Frees every claim: for a sender that knows it is the only one (it holds the flush lock). */
  public void releaseAllClaims() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("UPDATE events SET lease_owner = NULL, lease_until = 0 WHERE lease_until > 0");
    }
  }

  /** The batches this queue sent, for {@code telemetry show --sent}. */
  public SentLog sentLog() {
    return new SentLog(this);
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  private static Connection connect(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Connection c = source.getConnection();
    try {
      QueueSchema.migrate(c);
      checkIntegrity(c);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Fails with {@code SQLITE_CORRUPT} when a page of the queue is damaged. Opening and migrating
   * read only the header and the schema page: without this check a queue with a damaged table
   * opened fine and then failed every import and every upload, forever, while its journal grew.
   * A quick check reads every page once (a few milliseconds for a full queue), and only the runs
   * that open the queue pay it, never an ordinary command.
   */
  private static void checkIntegrity(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
      String result = rs.next() ? rs.getString(1) : "no result";
      if (!"ok".equals(result)) {
        throw new SQLiteException("the queue failed its integrity check: " + result, SQLiteErrorCode.SQLITE_CORRUPT);
      }
    }
  }

  private static boolean isCorrupt(SQLException e) {
    if (!(e instanceof SQLiteException)) {
      return false;
    }
    int primary = ((SQLiteException) e).getResultCode().code & 0xff;
    return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
  }

  private static void moveAside(Path file) throws IOException {
    Files.move(file, corruptCopy(file), StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
  }

  private static int dropBeyond(Connection c, int cap) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM events WHERE seq IN (SELECT seq FROM events ORDER BY timestamp, seq"
                + " LIMIT max(0, (SELECT count(*) FROM events) - ?))")) {
      ps.setInt(1, cap);
      return ps.executeUpdate();
    }
  }

  private static void increment(Connection c, String name, long delta) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO counters (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = value + excluded.value")) {
      ps.setString(1, name);
      ps.setLong(2, delta);
      ps.executeUpdate();
    }
  }

  <T> T inTransaction(Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }
}

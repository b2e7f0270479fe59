package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves journal files into the SQLite queue: insert in one transaction, then delete the files.
 *
 * <p>Inserting ignores ids already queued, so a crash between the commit and the deletions only
 * means the next import finds the same files and adds nothing twice.
 */
public final class JournalImporter {
  /** Temporary files older than this belong to a writer that died. */
  private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

  private JournalImporter() {}

  /**
   * Imports every complete journal file, and the notes of an upload that sent from the journal
   * ({@link JournalNotes}).
   *
   * @return how many events were new to the queue
   */
  public static int importAll(Journal journal, EventQueue queue, int cap, long nowMillis)
      throws SQLException {
    journal.removeStaleTemporaries(nowMillis, STALE_TEMP_MILLIS);
    JournalNotes.moveInto(journal, queue, SentLog.KEEP);
    List<File> files = journal.files();
    if (files.isEmpty()) {
      return 0;
    }
    List<QueuedEvent> events = new ArrayList<>(files.size());
    int malformed = 0;
    for (File f : files) {
      String body;
      try {
        if (Files.isSymbolicLink(f.toPath())) {
          malformed++; // planted: read nothing through it; deleted below like the rest
          continue;
        }
        body = Files.readString(f.toPath());
      } catch (IOException | RuntimeException e) {
        malformed++;
        continue;
      }
      for (String line : body.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          events.add(read(line));
        } catch (RuntimeException e) {
          malformed++;
        }
      }
    }
    int added = queue.insert(events, cap);
    if (malformed > 0) {
      queue.count(EventQueue.DROPPED_MALFORMED, malformed);
    }
    for (File f : files) {
      f.delete();
    }
    return added;
  }

  /** Opens the queue at {@code database} with everything in {@code journal} moved into it. */
  public static EventQueue openWithJournal(Path database, Journal journal, int cap, long nowMillis)
      throws SQLException, IOException {
    EventQueue queue = EventQueue.open(database);
    try {
      importAll(journal, queue, cap, nowMillis);
      return queue;
    } catch (SQLException | RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** One line of a journal file: one event. */
  static QueuedEvent read(String body) {
    Map<String, Object> json = Json.parseObject(body);
    Object metadata = json.get("metadata");
    Object version = metadata instanceof Map ? ((Map<?, ?>) metadata).get("version") : null;
    Object id = json.get("event_id");
    Object type = json.get("event_type");
    Object timestamp = json.get("timestamp");
    if (!(id instanceof String) || !(type instanceof String) || !(timestamp instanceof Long)) {
      throw new IllegalArgumentException("not an event");
    }
    return new QueuedEvent(
        (String) id,
        (String) type,
        (Long) timestamp,
        version instanceof String ? (String) version : "unknown",
        body);
  }
}

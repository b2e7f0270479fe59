package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an upload that sent straight from the journal ({@link JournalOutbox}, without SQLite) has
 * to tell the queue, as small files beside the events: {@code <id>.sent}, a batch for {@code
 * telemetry show --sent}, and {@code <id>.count}, events dropped under one of the queue's
 * counters. The next import moves them into the queue ({@link #moveInto}), as it moves events, so
 * that {@code telemetry status} and {@code show --sent} tell what such an upload did.
 *
 * <p>Neither ends in {@code .json}, so that a journal reader, of this SDK or an older one, never
 * takes them for events.
 */
public final class JournalNotes {
  static final String SENT = ".sent";
  static final String COUNT = ".count";

  private final Journal journal;

  public JournalNotes(Journal journal) {
    this.journal = journal;
  }

  /**
   * Notes a batch for {@code show --sent}, and forgets the oldest such notes beyond {@code keep}:
   * the queue keeps no more, and a CLI that only ever uploads this way would pile them up.
   */
  public void sent(long at, int events, String outcome, String payload, int keep) throws IOException {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("sent_at", at);
    note.put("events", (long) events);
    note.put("outcome", outcome);
    note.put("body", payload);
    String id = EventIds.newId(at);
    journal.write(id, id + SENT, Json.compact(note));
    List<File> notes = journal.files(SENT);
    for (int i = 0; i < notes.size() - keep; i++) {
      notes.get(i).delete();
    }
  }

  /** Notes {@code events} dropped, to be added to the queue's {@code counter}. */
  public void dropped(long at, String counter, long events) throws IOException {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("counter", counter);
    note.put("events", events);
    String id = EventIds.newId(at);
    journal.write(id, id + COUNT, Json.compact(note));
  }

  /**
   * Adds the notes of {@code journal} to {@code queue} and deletes them. A note that cannot be
   * read is deleted unread: it is a count or a log line, not an event.
   */
  static void moveInto(Journal journal, EventQueue queue, int keepSent) throws SQLException {
    for (File f : journal.files(COUNT)) {
      Map<String, Object> note = read(f);
      if (note != null && note.get("counter") instanceof String && note.get("events") instanceof Long) {
        queue.count((String) note.get("counter"), (Long) note.get("events"));
      }
      f.delete();
    }
    for (File f : journal.files(SENT)) {
      Map<String, Object> note = read(f);
      if (note != null && note.get("sent_at") instanceof Long && note.get("events") instanceof Long
          && note.get("outcome") instanceof String && note.get("body") instanceof String) {
        queue.sentLog().add((Long) note.get("sent_at"), ((Long) note.get("events")).intValue(),
            (String) note.get("outcome"), (String) note.get("body"), keepSent);
      }
      f.delete();
    }
  }

  private static Map<String, Object> read(File f) {
    try {
      if (Files.isSymbolicLink(f.toPath())) {
        return null; // planted: read nothing through it
      }
      return Json.parseObject(Files.readString(f.toPath()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

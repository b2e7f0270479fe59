package dev.telemetrykit.picocli.internal.queue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal as an upload's {@link Outbox}, without SQLite: for the upload of a CLI that runs as
 * PID 1, inside the CLI's own run, where loading SQLite (~300 ms, and the JDK's native-access
 * warning on Java 24+) does not fit.
 *
 * <p>Journal lines are already events in the upload format. A file is deleted only once every
 * event in it was accepted by the collector or dropped (and counted): until then it stays, and is
 * sent again by a later upload, which the collector's deduplication by event id makes harmless. A
 * file that another process moved into the queue meanwhile is simply gone: its events may then be
 * sent twice, and are stored once. What the queue would count or log goes into {@link
 * JournalNotes}. Like the import into the queue, the journal is held to the queue's cap, by file
 * (a file holds one run's events): the oldest beyond it are dropped and counted.
 */
public final class JournalOutbox implements Outbox {
  private final Journal journal;
  private final JournalNotes notes;
  private final int cap;
  /** Files listed and not yet read. */
  private final Deque<File> unread = new ArrayDeque<>();
  /** Every file listed by this outbox, so that listing again finds only new ones. */
  private final Set<File> listed = new HashSet<>();
  /** Events read and not taken, oldest first. */
  private final List<QueuedEvent> waiting = new ArrayList<>();
  /** The file each read event came from. */
  private final Map<String, File> fileOf = new HashMap<>();
  /** How many of a file's events are neither accepted nor dropped yet. */
  private final Map<File, Integer> outstanding = new HashMap<>();

  /** @param cap the most journal files kept ({@code maxQueuedEvents}) */
  public JournalOutbox(Journal journal, int cap) {
    this.journal = journal;
    this.notes = new JournalNotes(journal);
    this.cap = cap;
  }

  @Override
  public List<QueuedEvent> take(int limit, long now) throws IOException {
    boolean listedNow = false;
    while (waiting.size() < limit) {
      if (unread.isEmpty()) {
        if (listedNow) {
          break;
        }
        list(now); // files written since, such as the event of the command that just ended
        listedNow = true;
        continue;
      }
      read(unread.poll(), now);
    }
    if (waiting.isEmpty()) {
      return List.of();
    }
    String version = waiting.get(0).serviceVersion();
    List<QueuedEvent> batch = new ArrayList<>(Math.min(limit, waiting.size()));
    for (Iterator<QueuedEvent> it = waiting.iterator(); it.hasNext() && batch.size() < limit; ) {
      QueuedEvent e = it.next();
      if (e.serviceVersion().equals(version)) {
        batch.add(e);
        it.remove();
      }
    }
    return batch;
  }

  @Override
  public void remove(List<QueuedEvent> events, String droppedCounter, long now) throws IOException {
    if (droppedCounter != null && !events.isEmpty()) {
      // Counted before the files go: a crash in between sends them again and counts them twice,
      // rather than losing them uncounted.
      notes.dropped(now, droppedCounter, events.size());
    }
    for (QueuedEvent e : events) {
      File f = fileOf.remove(e.eventId());
      Integer left = f == null ? null : outstanding.get(f);
      if (left == null) {
        continue;
      }
      if (left > 1) {
        outstanding.put(f, left - 1);
      } else {
        outstanding.remove(f);
        f.delete();
      }
    }
  }

  @Override
  public void putBack(List<QueuedEvent> events) {
    waiting.addAll(0, events);
  }

  @Override
  public void logSent(long at, int events, String outcome, String payload) {
    try {
      notes.sent(at, events, outcome, payload, SentLog.KEEP);
    } catch (IOException e) {
      // A line of `show --sent` lost, on a full disk: not worth the upload.
    }
  }

  /** Lists the journal's files not listed before, dropping the oldest beyond the cap. */
  private void list(long now) {
    List<File> files = journal.files();
    int over = files.size() - cap;
    long overflow = 0;
    for (File f : files) {
      if (!listed.add(f)) {
        continue;
      }
      if (over-- > 0) {
        overflow += Math.max(1, lines(f));
        f.delete();
      } else {
        unread.add(f);
      }
    }
    count(EventQueue.DROPPED_OVERFLOW, overflow, now);
  }

  /** Reads one file's events into {@link #waiting}; lines that are not events are dropped and counted. */
  private void read(File f, long now) {
    String body;
    try {
      if (Files.isSymbolicLink(f.toPath())) {
        throw new IOException("a link"); // planted: read nothing through it
      }
      body = Files.readString(f.toPath());
    } catch (NoSuchFileException gone) {
      return; // moved into the queue by another process meanwhile
    } catch (IOException | RuntimeException e) {
      count(EventQueue.DROPPED_MALFORMED, 1, now);
      f.delete();
      return;
    }
    int events = 0;
    int malformed = 0;
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        QueuedEvent e = JournalImporter.read(line);
        if (fileOf.putIfAbsent(e.eventId(), f) == null) {
          waiting.add(e);
          events++;
        }
      } catch (RuntimeException e) {
        malformed++;
      }
    }
    count(EventQueue.DROPPED_MALFORMED, malformed, now);
    if (events == 0) {
      f.delete();
    } else {
      outstanding.put(f, events);
    }
  }

  private void count(String counter, long events, long now) {
    if (events > 0) {
      try {
        notes.dropped(now, counter, events);
      } catch (IOException e) {
        // The count is lost on a full disk; the events were not worth keeping either way.
      }
    }
  }

  private static int lines(File f) {
    try {
      int n = 0;
      for (String line : Files.readString(f.toPath()).split("\n")) {
        if (!line.isBlank()) {
          n++;
        }
      }
      return n;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}

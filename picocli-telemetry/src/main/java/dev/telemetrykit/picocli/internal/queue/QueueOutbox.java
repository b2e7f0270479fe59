package dev.telemetrykit.picocli.internal.queue;

import java.sql.SQLException;
import java.util.List;

/**
 * The SQLite queue as an upload's {@link Outbox}: events are claimed under a lease, so a sender
 * that dies leaves them to the next, and the journal is moved in whenever nothing is left to
 * claim, so that events recorded during the upload leave with it.
 */
public final class QueueOutbox implements Outbox {
  private final EventQueue queue;
  private final Journal journal;
  private final int cap;
  private final String owner;
  private final long leaseMillis;

  /** @param owner identifies this sender's claims; unique per process */
  public QueueOutbox(EventQueue queue, Journal journal, int cap, String owner, long leaseMillis) {
    this.queue = queue;
    this.journal = journal;
    this.cap = cap;
    this.owner = owner;
    this.leaseMillis = leaseMillis;
  }

  @Override
  public List<QueuedEvent> take(int limit, long now) throws SQLException {
    List<QueuedEvent> batch = queue.claim(owner, limit, now, now + leaseMillis);
    if (batch.isEmpty() && JournalImporter.importAll(journal, queue, cap, now) > 0) {
      batch = queue.claim(owner, limit, now, now + leaseMillis);
    }
    return batch;
  }

  @Override
  public void remove(List<QueuedEvent> events, String droppedCounter, long now) throws SQLException {
    queue.remove(owner, events, droppedCounter);
  }

  @Override
  public void putBack(List<QueuedEvent> events) throws SQLException {
    queue.release(owner, events);
  }

  @Override
  public void logSent(long at, int events, String outcome, String payload) throws SQLException {
    queue.sentLog().add(at, events, outcome, payload, SentLog.KEEP);
  }
}

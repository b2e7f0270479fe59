package dev.telemetrykit.picocli.internal.queue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the events an upload sends wait, and what it tells them after each answer: the SQLite
 * queue ({@link QueueOutbox}), or the journal itself ({@link JournalOutbox}) for an upload that
 * must not load SQLite. One upload uses one outbox, with the flush lock held.
 */
public interface Outbox {
  /**
   * The next events to send, at most {@code limit}, all of one service version (a batch names one);
   * empty when none wait. Taken events are not taken again until {@link #putBack}.
   */
  List<QueuedEvent> take(int limit, long now) throws SQLException, IOException;

  /**
   * Taken events that are gone for good: accepted by the collector, or, with {@code
   * droppedCounter}, dropped and counted under it.
   */
  void remove(List<QueuedEvent> events, String droppedCounter, long now) throws SQLException, IOException;

  /** Taken events that were not delivered: they wait for a later attempt. */
  void putBack(List<QueuedEvent> events) throws SQLException;

  /** Logs a batch and the collector's answer for {@code telemetry show --sent}. */
  void logSent(long at, int events, String outcome, String payload) throws SQLException, IOException;
}

package dev.telemetrykit.collector.storage;

import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch waiting to be stored, with what can be worked out before the database is asked already
 * done by the request's own thread: its rows, and its rollup changes in case every distinct event
 * turns out to be new (the usual case), so that the single writer only has to merge them.
 *
 * @param distinctEvents events with an event_id not seen earlier in the batch
 * @param deltaIfAllNew the rollup changes of those events, valid when all of them are stored now;
 *     null when they could not be worked out, and then the writer works them out after inserting
 */
record PendingBatch(Batch batch, List<EventRow> rows, int distinctEvents, RollupDelta deltaIfAllNew) {
  static PendingBatch of(Batch batch) {
    List<Event> events = batch.events();
    List<EventRow> rows = events.stream().map(event -> EventRow.of(batch, event)).toList();
    Set<String> seen = new HashSet<>();
    List<Integer> distinct = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (seen.add(rows.get(i).eventId())) {
        distinct.add(i);
      }
    }
    return new PendingBatch(batch, rows, distinct.size(), deltaOf(rows, events, distinct));
  }

  private static RollupDelta deltaOf(List<EventRow> rows, List<Event> events, List<Integer> indexes) {
    RollupDelta delta = RollupDelta.forStoredEvents();
    try {
      for (int i : indexes) {
        delta.add(rows.get(i), events.get(i).metadata());
      }
      return delta;
    } catch (RuntimeException e) {
      // Only a batch that skipped validation gets here. The database refuses it on insert, which
      // fails it as a storage error, the way every failed batch fails.
      return null;
    }
  }

  int size() {
    return rows.size();
  }
}

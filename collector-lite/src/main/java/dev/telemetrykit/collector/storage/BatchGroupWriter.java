package dev.telemetrykit.collector.storage;

import com.zaxxer.hikari.HikariDataSource;
import dev.telemetrykit.collector.ingest.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a group of batches in one transaction, with one insert for all their events and one rollup
 * update for all their changes. The outcome is the same as storing them one after another in queue
 * order: an event_id seen earlier, in the database, in an earlier batch of the group or earlier in
 * its own batch, counts as a duplicate.
 *
 * <p>Each batch stays all-or-nothing: when the group's transaction fails, every batch is tried
 * again in a transaction of its own, so that only the batch at fault fails.
 */
final class BatchGroupWriter implements GroupCommit.Writer<PendingBatch, Integer> {
  private static final Comparator<EventRow> BY_EVENT_ID = Comparator.comparing(EventRow::eventId);

  private final HikariDataSource pool;
  private final EventInserter inserter;
  private final RollupWriter rollups;
  private final EventPartitions partitions; // null on SQLite

  BatchGroupWriter(HikariDataSource pool, Dialect dialect, EventPartitions partitions) {
    this.pool = pool;
    this.inserter = EventInserter.of(dialect);
    this.rollups = new RollupWriter(dialect);
    this.partitions = partitions;
  }

  @Override
  public void write(List<GroupCommit.Entry<PendingBatch, Integer>> group) {
    try (Connection connection = pool.getConnection()) {
      if (partitions != null) {
        partitions.ensure(connection, days(group));
      }
      connection.setAutoCommit(false); // SQLite: BEGIN IMMEDIATE, so the write lock is taken up front
      try {
        complete(group, store(connection, group));
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        if (group.size() == 1 || !connection.isValid(1)) {
          fail(group, e);
        } else {
          for (GroupCommit.Entry<PendingBatch, Integer> entry : group) {
            storeAlone(connection, entry);
          }
        }
      }
      // The pool restores auto-commit when the connection is returned.
    } catch (SQLException e) {
      fail(group, e);
    }
  }

  private static Set<LocalDate> days(List<GroupCommit.Entry<PendingBatch, Integer>> group) {
    Set<LocalDate> days = new HashSet<>();
    for (GroupCommit.Entry<PendingBatch, Integer> entry : group) {
      for (EventRow row : entry.item().rows()) {
        days.add(LocalDate.parse(row.day()));
      }
    }
    return days;
  }

  private void storeAlone(Connection connection, GroupCommit.Entry<PendingBatch, Integer> entry) {
    List<GroupCommit.Entry<PendingBatch, Integer>> alone = List.of(entry);
    try {
      complete(alone, store(connection, alone));
    } catch (SQLException | RuntimeException e) {
      rollback(connection, e);
      fail(alone, e);
    }
  }

  /** Stores and commits; returns the duplicates of each batch. */
  private int[] store(Connection connection, List<GroupCommit.Entry<PendingBatch, Integer>> group)
      throws SQLException {
    int[] duplicates = new int[group.size()];
    // First occurrence of each id in queue order; later ones are duplicates without asking the database.
    Map<String, EventRow> firsts = new HashMap<>();
    List<boolean[]> isFirst = new ArrayList<>(group.size());
    for (int b = 0; b < group.size(); b++) {
      List<EventRow> rows = group.get(b).item().rows();
      boolean[] first = new boolean[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        first[i] = firsts.putIfAbsent(rows.get(i).eventId(), rows.get(i)) == null;
      }
      isFirst.add(first);
    }
    // In id order, so that concurrent writers (several collectors on one PostgreSQL) take row locks
    // in the same order and wait for each other instead of deadlocking.
    List<EventRow> unique = new ArrayList<>(firsts.values());
    unique.sort(BY_EVENT_ID);
    Set<String> inserted = inserter.insertNew(connection, unique);
    RollupDelta delta = RollupDelta.forStoredEvents();
    for (int b = 0; b < group.size(); b++) {
      PendingBatch batch = group.get(b).item();
      List<Event> events = batch.batch().events();
      int stored = 0;
      for (int i = 0; i < events.size(); i++) {
        if (isFirst.get(b)[i] && inserted.contains(events.get(i).eventId())) {
          stored++;
        }
      }
      duplicates[b] = events.size() - stored;
      if (stored == batch.distinctEvents() && batch.deltaIfAllNew() != null) {
        delta.addAll(batch.deltaIfAllNew());
      } else {
        for (int i = 0; i < events.size(); i++) {
          if (isFirst.get(b)[i] && inserted.contains(events.get(i).eventId())) {
            delta.add(batch.rows().get(i), events.get(i).metadata());
          }
        }
      }
    }
    rollups.apply(connection, delta);
    connection.commit();
    return duplicates;
  }

  private static void complete(List<GroupCommit.Entry<PendingBatch, Integer>> group, int[] duplicates) {
    for (int b = 0; b < group.size(); b++) {
      group.get(b).result().complete(duplicates[b]);
    }
  }

  private static void fail(List<GroupCommit.Entry<PendingBatch, Integer>> group, Exception e) {
    for (GroupCommit.Entry<PendingBatch, Integer> entry : group) {
      RuntimeException failure = e instanceof RuntimeException runtime ? runtime
          : new StorageException("cannot store a batch of " + entry.item().size() + " events", e);
      entry.result().completeExceptionally(failure);
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the original failure is the one worth reporting
    }
  }
}

package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.SentBatch;
import dev.telemetrykit.picocli.internal.queue.SentLog;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which anonymous ids the collector accepted events under, as far as this install's queue tells:
 * the ids in the batches of the sent log that were answered 2xx. An upload that sent straight
 * from the journal (a CLI running as PID 1) noted its batches beside the events; they are moved
 * into the queue first.
 *
 * <p>Read with the flush lock held, so that no upload adds to it meanwhile. It is unsure without
 * the lock, when the queue cannot be read or was moved aside as corrupt, and when the log is full
 * (it keeps the last {@value SentLog#KEEP} batches, so an accepted one may have been dropped from
 * it): then the current id is kept. Asking a collector that has nothing to delete costs one
 * request; forgetting an id that events were sent under leaves them at the collector for good.
 *
 * @param ids the ids of accepted batches in the sent log
 * @param unsure whether the queue could not tell
 */
record SentIds(Set<String> ids, boolean unsure) {
  static final SentIds UNKNOWN = new SentIds(Set.of(), true);

  /** Reads the queue, creating it only if the journal holds anything. Call with the flush lock held. */
  static SentIds read(TelemetryContext context) {
    boolean corrupt = Files.exists(EventQueue.corruptCopy(context.config.databaseFile()));
    String[] journal = context.journal.directory().list();
    if (!context.hasQueue() && (journal == null || journal.length == 0)) {
      return new SentIds(Set.of(), corrupt);
    }
    try (EventQueue queue = context.openQueueWithJournal()) {
      Set<String> ids = new LinkedHashSet<>();
      List<SentBatch> log = queue.sentLog().recent(Integer.MAX_VALUE);
      for (SentBatch batch : log) {
        if (batch.outcome().startsWith("2")) { // "not sent: ..." and refusals carry no stored event
          ids.addAll(userIds(batch.body()));
        }
      }
      return new SentIds(ids, corrupt || log.size() >= SentLog.KEEP);
    } catch (Exception e) {
      return UNKNOWN;
    }
  }

  /**
   * The ids to keep in the state file when {@code record}'s id is given up (disable, reset): the
   * earlier ones still undeleted, those of accepted batches, and the current one if anything may
   * have been accepted under it.
   */
  List<String> toKeep(ConsentRecord record) {
    Set<String> keep = new LinkedHashSet<>(record.previousUserIds());
    keep.addAll(ids);
    if (record.userId() != null && unsure) {
      keep.add(record.userId());
    }
    return new ArrayList<>(keep);
  }

  private static List<String> userIds(String payload) {
    List<String> ids = new ArrayList<>();
    try {
      Object events = Json.parseObject(payload).get("events");
      if (events instanceof List) {
        for (Object event : (List<?>) events) {
          Object id = event instanceof Map ? ((Map<?, ?>) event).get("user_id") : null;
          if (id instanceof String && ConsentRecord.isUserId((String) id)) {
            ids.add((String) id);
          }
        }
      }
    } catch (RuntimeException notJson) {
      // a batch logged unreadably names no id
    }
    return ids;
  }
}

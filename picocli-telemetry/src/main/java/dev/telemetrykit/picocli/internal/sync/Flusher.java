package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.event.EventRules;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.BatchPayload;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.queue.Outbox;
import dev.telemetrykit.picocli.internal.queue.QueueOutbox;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import dev.telemetrykit.picocli.internal.queue.SentLog;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Uploads the queue: moves the journal in, then claims, sends and removes batches of up to 100
 * events until nothing is left, a failure calls for backoff, or the deadline passes. The same
 * answer handling sends from the journal itself ({@link dev.telemetrykit.picocli.internal.queue.JournalOutbox}),
 * for an upload that must not load SQLite: see {@link Outbox}.
 *
 * <p>Rows are removed only after the collector answered 2xx, so a crash or a cut connection means
 * sending again, never losing; the collector deduplicates by event id. A 2xx may name events it
 * rejected (invalid ones): those are dropped and counted, the rest were stored. 413 halves the
 * batch; a refusal of the whole batch for its content (400 with the protocol's error body, 422)
 * drops it (counted); every other answer (404, 401, 403, 405, 3xx, 408, 429, 5xx) and network
 * errors keep the rows and stop the upload until the backoff time, which every process of the tool
 * honours through {@link SyncState}. See {@link SendResult}.
 */
public final class Flusher {
  /** A claim outlives any single request (10 s timeout), and expires if its sender dies. */
  static final long LEASE_MILLIS = 60_000L;
  /** How many sent batches {@code telemetry show --sent} can list. */
  static final int KEEP_SENT = SentLog.KEEP;

  private final TelemetryConfig config;
  private final BatchSender sender;
  private final Backoff backoff;
  private final TimeSource time;
  private final String owner;

  /** @param owner identifies this sender's claims; unique per process */
  public Flusher(TelemetryConfig config, BatchSender sender, Backoff backoff, TimeSource time, String owner) {
    this.config = config;
    this.sender = sender;
    this.backoff = backoff;
    this.time = time;
    this.owner = owner;
  }

  /** Told after each accepted batch; for progress on a terminal. */
  public interface Progress {
    void accepted(int eventsSoFar);
  }

  /**
   * What an upload did.
   *
   * @param problem what went wrong, or null
   * @param retryLater whether what was not sent stays queued for a later attempt
   */
  public record Outcome(int sent, int batches, int dropped, String problem, boolean retryLater) {}

  /**
   * Uploads the queue, after moving the journal into it, until done, a retryable failure, or
   * {@code deadline} (epoch ms). Call with the flush lock held.
   */
  public Outcome flush(long deadline, Progress progress) throws SQLException, IOException {
    SyncState state = SyncState.load(config.syncStateFile());
    Journal journal = new Journal(config.journalDirectory().toFile());
    try (EventQueue queue = JournalImporter.openWithJournal(
        config.databaseFile(), journal, config.maxQueuedEvents(), time.epochMillis())) {
      // Every sender holds the flush lock, so claims left in the queue belong to a sender that
      // died (kill -9 mid-upload): free them now rather than when their lease runs out.
      queue.releaseAllClaims();
      return flush(new QueueOutbox(queue, journal, config.maxQueuedEvents(), owner, LEASE_MILLIS), deadline, progress,
          state);
    } catch (SQLException e) {
      // Locked by another program, read-only, full: back off like any failed upload, so that the
      // runs that follow do not each start an upload process that waits for the same lock.
      long now = time.epochMillis();
      state.failed(now, now + backoff.delayMillis(state.failures() + 1, -1), "cannot use the queue ("
          + e.getMessage() + ")").save(config.syncStateFile());
      throw e;
    }
  }

  /**
   * Uploads what waits in {@code outbox} until done, a retryable failure, or {@code deadline}
   * (epoch ms), answer by answer as described above. Call with the flush lock held.
   */
  public Outcome flush(Outbox outbox, long deadline, Progress progress) throws SQLException, IOException {
    return flush(outbox, deadline, progress, SyncState.load(config.syncStateFile()));
  }

  private Outcome flush(Outbox outbox, long deadline, Progress progress, SyncState state)
      throws SQLException, IOException {
    int sent = 0;
    int batches = 0;
    int dropped = 0;
    String problem = null;
    boolean retryLater = false;
    int limit = BatchPayload.MAX_EVENTS;
    while (time.epochMillis() < deadline) {
      long now = time.epochMillis();
      List<QueuedEvent> batch = outbox.take(limit, now);
      if (batch.isEmpty()) {
        break;
      }
      batch = setAsideInvalid(outbox, batch, now);
      if (batch.isEmpty()) {
        continue;
      }
      String payload = BatchPayload.of(config.toolName(), batch.get(0).serviceVersion(), batch).compact();
      SendResult result;
      try {
        result = sender.send(payload);
      } catch (IOException | InterruptedException e) {
        outbox.putBack(batch);
        problem = "cannot reach " + config.endpoint() + " (" + e.getClass().getSimpleName() + ")";
        state = state.failed(now, now + backoff.delayMillis(state.failures() + 1, -1), problem);
        retryLater = true;
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        break;
      }
      if (result.succeeded()) {
        IngestAnswer answer = IngestAnswer.parse(result.body(), batch.size());
        List<QueuedEvent> rejected = new ArrayList<>();
        List<QueuedEvent> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          (answer.rejected().containsKey(i) ? rejected : accepted).add(batch.get(i));
        }
        outbox.remove(rejected, EventQueue.DROPPED_REJECTED, now);
        outbox.remove(accepted, null, now);
        outbox.logSent(now, batch.size(), describe(result), payload);
        sent += accepted.size();
        dropped += rejected.size();
        batches++;
        state = state.succeeded(now);
        if (!rejected.isEmpty()) {
          problem = "the collector rejected " + rejected.size() + (rejected.size() == 1 ? " event" : " events")
              + " (" + answer.rejections() + ")";
        }
        progress.accepted(sent);
      } else if (result.tooLarge() && batch.size() > 1) {
        outbox.putBack(batch);
        limit = Math.max(1, batch.size() / 2);
      } else if (result.tooLarge()) {
        outbox.remove(batch, EventQueue.DROPPED_TOO_LARGE, now);
        dropped++;
      } else if (result.refusedForContent()) {
        outbox.remove(batch, EventQueue.DROPPED_REJECTED, now);
        outbox.logSent(now, batch.size(), describe(result), payload);
        dropped += batch.size();
        problem = "the collector refused a batch (" + describe(result) + "); its " + batch.size()
            + " events were dropped";
      } else {
        // 404, 401, 403, 405, 3xx, 5xx...: the endpoint or the collector is wrong or down, not the
        // events. They stay queued until it is put right; the backoff keeps the retries rare.
        outbox.putBack(batch);
        problem = result.retryProblem();
        state = state.failed(now, now + backoff.delayMillis(state.failures() + 1, result.retryAfterMillis()), problem);
        retryLater = true;
        break;
      }
    }
    if (batches == 0 && state.nextAttempt() <= time.epochMillis()) {
      state = state.checked(time.epochMillis());
    }
    state.save(config.syncStateFile());
    return new Outcome(sent, batches, dropped, problem, retryLater);
  }

  /**
   * Takes out of {@code batch} the events the collector would reject (docs/protocol.md), so that
   * they never reach it: events queued by an SDK that did not check them yet, or a command event
   * the SDK built wrong. They are dropped, counted with the refused ones and logged for {@code
   * show --sent}, unsent. The time window is left to the collector, whose clock and retention
   * decide it.
   *
   * @return the events to send
   */
  private List<QueuedEvent> setAsideInvalid(Outbox outbox, List<QueuedEvent> batch, long now)
      throws SQLException, IOException {
    List<QueuedEvent> valid = new ArrayList<>(batch.size());
    List<QueuedEvent> invalid = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (QueuedEvent event : batch) {
      String reason;
      try {
        reason = EventRules.problem(Json.parse(event.body()));
      } catch (RuntimeException notJson) {
        reason = "event is not valid JSON";
      }
      if (reason == null) {
        valid.add(event);
      } else {
        invalid.add(event);
        reasons.add("#" + (invalid.size() - 1) + " " + reason); // its index in the payload logged below
      }
    }
    if (!invalid.isEmpty()) {
      outbox.remove(invalid, EventQueue.DROPPED_REJECTED, now);
      outbox.logSent(now, invalid.size(), "not sent: the collector would reject "
          + (invalid.size() == 1 ? "this event: " : "these events: ") + String.join("; ", reasons),
          BatchPayload.of(config.toolName(), invalid.get(0).serviceVersion(), invalid).compact());
    }
    return valid;
  }

  /**
   * The collector's answer in a line, e.g. {@code 200: received 100, duplicates 0} or {@code 200:
   * received 100, duplicates 0, rejected 1: #3 metadata.success must be a boolean}.
   */
  static String describe(SendResult result) {
    try {
      Map<String, Object> json = Json.parseObject(result.body());
      if (json.containsKey("received")) {
        String rejections = IngestAnswer.parse(result.body(), Integer.MAX_VALUE).rejections();
        return result.status() + ": received " + json.get("received") + ", duplicates " + json.get("duplicates")
            + (rejections.isEmpty() ? "" : ", " + rejections);
      }
      if (json.get("error") instanceof String) {
        return result.status() + ": " + json.get("error");
      }
    } catch (RuntimeException notJson) {
      // fall through: the status alone
    }
    return Integer.toString(result.status());
  }
}

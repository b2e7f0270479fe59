package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.json.JsonFiles;
import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upload schedule shared by every process of a tool: {@code <tool>.sync.json}. Ordinary runs
 * read it to decide whether an upload is due (a small file, no SQLite); only the process holding
 * the flush lock writes it.
 *
 * @param lastSuccess when an upload last succeeded, epoch ms; 0 if never
 * @param lastAttempt when an upload was last tried; 0 if never
 * @param nextAttempt no upload before this time (backoff after failures); 0 if none
 * @param failures failed attempts since the last success
 * @param lastError what went wrong last, or null
 */
public record SyncState(long lastSuccess, long lastAttempt, long nextAttempt, int failures, String lastError) {
  /** The state of a tool that never uploaded. */
  public static final SyncState NEVER = new SyncState(0, 0, 0, 0, null);

  /** Reads the state; missing or unreadable means {@link #NEVER}. */
  public static SyncState load(Path file) {
    File f = file.toFile();
    if (!f.exists()) {
      return NEVER;
    }
    try (FileInputStream in = new FileInputStream(f)) {
      Map<String, Object> json = Json.parseObject(new String(in.readAllBytes(), Json.UTF_8));
      Object error = json.get("last_error");
      return new SyncState(
          number(json.get("last_success")),
          number(json.get("last_attempt")),
          number(json.get("next_attempt")),
          (int) number(json.get("failures")),
          error instanceof String ? (String) error : null);
    } catch (IOException | RuntimeException e) {
      return NEVER;
    }
  }

  /** Writes the state atomically. */
  public void save(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("last_success", lastSuccess);
    json.put("last_attempt", lastAttempt);
    json.put("next_attempt", nextAttempt);
    json.put("failures", failures);
    json.put("last_error", lastError);
    JsonFiles.writeAtomically(file, json);
  }

  /**
   * Starts the schedule when the user says yes, unless one exists: the first upload is due one
   * interval later (or as soon as enough events wait), not on the very next run.
   */
  public static void startIfAbsent(Path file, long now) throws IOException {
    if (!Files.exists(file)) {
      new SyncState(now, 0, 0, 0, null).save(file);
    }
  }

  /**
   * Whether a recorded run of {@code config}'s tool starting at {@code now} should start an
   * upload: reads the schedule and counts the journal, nothing more.
   */
  public static boolean uploadDue(TelemetryConfig config, long now) {
    int waiting = new Journal(config.journalDirectory().toFile()).size();
    return load(config.syncStateFile()).isDue(config, waiting, now);
  }

  /**
   * Whether a run starting at {@code now} should start an upload: never during backoff; else when
   * enough events wait, or the interval since the last success has passed.
   *
   * @param waiting events known to wait (the journal's count; the queue is not opened to count)
   */
  public boolean isDue(TelemetryConfig config, int waiting, long now) {
    if (now < nextAttempt) {
      return false;
    }
    return waiting >= config.flushAtEvents()
        || now - lastSuccess >= config.flushIntervalSeconds() * 1000L;
  }

  /** After an upload that went through. */
  public SyncState succeeded(long now) {
    return new SyncState(now, now, 0, 0, null);
  }

  /** After an attempt that failed and should be retried at {@code retryAt}. */
  public SyncState failed(long now, long retryAt, String error) {
    return new SyncState(lastSuccess, now, retryAt, failures + 1, error);
  }

  /** After an attempt that found nothing to send. */
  public SyncState checked(long now) {
    return new SyncState(now, now, nextAttempt, failures, lastError);
  }

  private static long number(Object value) {
    return value instanceof Long ? (Long) value : 0L;
  }
}

package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.event.Platform;
import dev.telemetrykit.picocli.internal.json.JsonWriter;
import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records events of one process run: adds the ids and the platform fields, then writes each
 * event (the wire format of docs/protocol.md) to the journal, or prints it to stderr in debug
 * mode. Never throws: a failure to record
 * is reported through {@link Diagnostics} and forgotten.
 */
public final class Recorder {
  /** The user id printed in debug mode before the user has said yes (no id exists yet). */
  static final String NO_USER_ID = "0000000000000000000000000000000000000000000000000000000000000000";

  private final String toolVersion;
  private final String userId;
  private final String sessionId;
  private final Platform platform;
  private final boolean ci;
  private final boolean interactive;
  private final Journal journal;
  private final PrintStream debugOut;
  private final Diagnostics diagnostics;
  private final TimeSource time;

  /**
   * @param journal where events go; null in debug mode
   * @param debugOut where events are printed in debug mode; null otherwise
   */
  public Recorder(
      String toolVersion,
      String userId,
      Platform platform,
      boolean ci,
      boolean interactive,
      Journal journal,
      PrintStream debugOut,
      Diagnostics diagnostics,
      TimeSource time) {
    this.toolVersion = toolVersion;
    this.userId = userId == null ? NO_USER_ID : userId;
    this.platform = platform;
    this.ci = ci;
    this.interactive = interactive;
    this.journal = journal;
    this.debugOut = debugOut;
    this.diagnostics = diagnostics;
    this.time = time;
    this.sessionId = EventIds.newId(time.epochMillis());
  }

  /** The clocks this recorder stamps events with. */
  public TimeSource time() {
    return time;
  }

  /** Records an event that happened at {@code timestamp} (epoch ms). */
  public void record(String eventType, Map<String, Object> fields, long timestamp) {
    try {
      Map<String, Object> metadata = new LinkedHashMap<>(fields);
      metadata.put("version", toolVersion);
      metadata.put("os", platform.os());
      metadata.put("arch", platform.arch());
      metadata.put("java_version", platform.javaVersion());
      metadata.put("ci", ci);
      metadata.put("interactive", interactive);
      String eventId = EventIds.newId(timestamp);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("event_id", eventId);
      event.put("event_type", eventType);
      event.put("timestamp", timestamp);
      event.put("user_id", userId);
      event.put("session_id", sessionId);
      event.put("metadata", metadata);
      String json = JsonWriter.compact(event);
      if (journal != null) {
        journal.append(eventId, json);
      }
      if (debugOut != null) {
        debugOut.println("[telemetry-kit] event " + json);
      }
    } catch (Throwable e) {
      diagnostics.failed("recording a " + eventType + " event", e);
    }
  }

  /** Records an event that happens now. */
  public void record(String eventType, Map<String, Object> fields) {
    record(eventType, fields, time.epochMillis());
  }
}

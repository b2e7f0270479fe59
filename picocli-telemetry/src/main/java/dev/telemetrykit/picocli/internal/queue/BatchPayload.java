package dev.telemetrykit.picocli.internal.queue;

import dev.telemetrykit.picocli.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one {@code POST /events} request (docs/protocol.md): the service, its version and
 * up to 100 events. {@code telemetry show} prints exactly this, indented.
 */
public final class BatchPayload {
  /** The most events one request carries. */
  public static final int MAX_EVENTS = 100;

  private final Map<String, Object> json;

  private BatchPayload(Map<String, Object> json) {
    this.json = json;
  }

  /**
   * The payload of {@code events}; their version names the batch, or {@code fallbackVersion}
   * when there are none.
   */
  public static BatchPayload of(String serviceName, String fallbackVersion, List<QueuedEvent> events) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("service_name", serviceName);
    json.put("service_version", events.isEmpty() ? fallbackVersion : events.get(0).serviceVersion());
    List<Object> list = new ArrayList<>(events.size());
    for (QueuedEvent e : events) {
      list.add(Json.parse(e.body()));
    }
    json.put("events", list);
    return new BatchPayload(json);
  }

  /** The payload as sent. */
  public String compact() {
    return Json.compact(json);
  }

  /** The payload as people read it. */
  public String pretty() {
    return Json.pretty(json);
  }
}

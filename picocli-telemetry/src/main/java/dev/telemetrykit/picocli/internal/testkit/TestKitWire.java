package dev.telemetrykit.picocli.internal.testkit;

import dev.telemetrykit.picocli.internal.event.EventRules;
import dev.telemetrykit.picocli.internal.json.Json;
import java.util.Map;

/**
 * The wire protocol (docs/protocol.md) as the test kit's stand-in collector needs it: the SDK's
 * own JSON reading and writing and its own event rules, so that the stand-in refuses what
 * collector-lite would refuse.
 */
public final class TestKitWire {
  private TestKitWire() {}

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException when {@code json} is not one JSON object
   */
  public static Map<String, Object> parseObject(String json) {
    return Json.parseObject(json);
  }

  /** {@code value} (maps, lists, strings, numbers, booleans, null) as compact JSON. */
  public static String compact(Object value) {
    return Json.compact(value);
  }

  /** Why the collector would reject {@code event} (docs/protocol.md), or null when it is valid. */
  public static String problem(Object event) {
    return EventRules.problem(event, System.currentTimeMillis(), EventRules.DEFAULT_RETENTION_MILLIS);
  }
}

package dev.telemetrykit.picocli.internal.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates what authors pass to the custom-event methods, with messages that say what to fix.
 * The limits match what the collector accepts (docs/protocol.md), and {@link #checkEvent} holds the
 * whole event to {@link EventRules}, so that no custom event the collector would reject is recorded.
 */
public final class EventProperties {
  static final int MAX_PROPERTIES = 32;
  static final int MAX_KEY_LENGTH = 64;
  static final int MAX_STRING_LENGTH = 256;
  static final int MAX_NAME_LENGTH = 128;

  /** Keys the SDK fills in itself. */
  static final Set<String> RESERVED =
      Set.of(EventSchema.VERSION, EventSchema.OS, EventSchema.ARCH, EventSchema.JAVA_VERSION, EventSchema.CI,
          EventSchema.INTERACTIVE, EventSchema.COMMAND, EventSchema.OPTIONS, EventSchema.OPTION_VALUES,
          EventSchema.DURATION_MS, EventSchema.SUCCESS, EventSchema.EXIT_CODE, EventSchema.ERROR,
          "feature", "method");

  private EventProperties() {}

  /** Checks an event type: 1-64 characters of a-z, 0-9, '_' or '.', starting with a letter. */
  public static String eventType(String type) {
    if (type == null || !Names.isEventType(type)) {
      throw new IllegalArgumentException(
          "Event type '" + type + "' is invalid: use 1-64 characters of a-z, 0-9, '_' or '.', "
              + "starting with a letter, e.g. \"export_finished\"");
    }
    return type;
  }

  /** Checks a feature or method name: 1-128 printable characters. */
  public static String name(String what, String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !printable(name)) {
      throw new IllegalArgumentException(
          "The " + what + " name '" + name + "' is invalid: use 1-" + MAX_NAME_LENGTH
              + " printable characters, e.g. \"" + ("method".equals(what) ? "Database::connect" : "export.csv") + "\"");
    }
    return name;
  }

  /**
   * Checks custom properties and returns a copy with normalized values (enums as their names,
   * integral numbers as longs).
   */
  public static Map<String, Object> validate(Map<String, ?> props) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (props == null) {
      return out;
    }
    if (props.size() > MAX_PROPERTIES) {
      throw new IllegalArgumentException(
          "Too many properties (" + props.size() + "): an event takes at most " + MAX_PROPERTIES);
    }
    for (Map.Entry<String, ?> e : props.entrySet()) {
      String key = e.getKey();
      checkKey(key);
      out.put(key, value(key, e.getValue()));
    }
    return out;
  }

  /**
   * Checks the event an author's call would record, with its validated properties, against the
   * protocol's rules: e.g. {@code track("feature_used", Map.of("format", "csv"))} lacks the
   * {@code feature} that event type requires.
   *
   * @throws IllegalArgumentException saying why the collector would reject it
   */
  public static void checkEvent(String type, Map<String, Object> fields) {
    String problem = EventRules.problem(type, fields);
    if (problem != null) {
      throw new IllegalArgumentException("The " + type + " event would be rejected by the collector: " + problem
          + (problem.startsWith("metadata.feature is required") || problem.startsWith("metadata.method is required")
              ? "; record it with Telemetry.trackFeature or Telemetry.trackMethod" : ""));
    }
  }

  private static void checkKey(String key) {
    if (key == null || !Names.isMetadataKey(key)) {
      throw new IllegalArgumentException(
          "Property key '" + key + "' is invalid: use 1-" + MAX_KEY_LENGTH
              + " letters, digits, '_', '.' or '-', starting with a letter");
    }
    if (RESERVED.contains(key)) {
      throw new IllegalArgumentException(
          "Property key '" + key + "' is reserved for what telemetry records itself; choose another name");
    }
  }

  private static Object value(String key, Object value) {
    if (value instanceof String) {
      String s = (String) value;
      int length = s.codePointCount(0, s.length()); // the collector counts code points, not chars
      if (length > MAX_STRING_LENGTH) {
        throw new IllegalArgumentException(
            "Property '" + key + "' is " + length + " characters long; values take at most "
                + MAX_STRING_LENGTH);
      }
      return s;
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("Property '" + key + "' is " + d + "; use a finite number");
      }
      return d;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw new IllegalArgumentException(
        "Property '" + key + "' has a value of type "
            + (value == null ? "null" : value.getClass().getName())
            + "; use a String, a number, a Boolean or an enum");
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}

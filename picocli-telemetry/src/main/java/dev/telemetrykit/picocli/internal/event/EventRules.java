package dev.telemetrykit.picocli.internal.event;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The protocol's rules for one event (docs/protocol.md), as the collector applies them: the SDK's
 * single statement of them. An event they refuse would be rejected by the collector, so it is never
 * queued or sent. Reasons are the collector's own fixed texts ({@code metadata.feature is required
 * for feature_used events}); the shared examples in docs/protocol/examples hold both sides to them.
 *
 * <p>Works on events as {@link dev.telemetrykit.picocli.internal.json.Json} reads them, or as the
 * SDK builds them (maps, lists, strings, numbers, booleans). Not on the ordinary run's path: the SDK
 * builds its command event to these rules, and the upload checks queued events again.
 */
public final class EventRules {
  /** How old an event may be by default before a collector refuses it. */
  public static final long DEFAULT_RETENTION_MILLIS = 400L * 24 * 60 * 60 * 1000;
  /** How far ahead of the collector's clock a timestamp may be. */
  static final long MAX_CLOCK_AHEAD_MILLIS = 24L * 60 * 60 * 1000;
  static final int MAX_ENTRIES = 64;
  static final int MAX_STRING_LENGTH = 256;

  static final List<String> EVENT_FIELDS =
      List.of("event_id", "event_type", "timestamp", "user_id", "session_id", "metadata");

  private EventRules() {}

  /** A broken rule: where, as the collector shows it (no client-chosen names), and what. */
  private static final class Refusal extends RuntimeException {
    Refusal(String shown, String problem) {
      super(shown + " " + problem, null, false, false);
    }
  }

  /**
   * Why the collector would reject {@code event}, or null when it would not. The timestamp is judged
   * against {@code now} and {@code retentionMillis}, as a collector whose clock reads {@code now}.
   */
  public static String problem(Object event, long now, long retentionMillis) {
    try {
      checkEvent(event, now, retentionMillis);
      return null;
    } catch (Refusal r) {
      return r.getMessage();
    }
  }

  /**
   * Like {@link #problem(Object, long, long)} without the time window, which depends on the
   * collector's clock and retention: for events about to be sent, whose fate there the answer tells.
   */
  public static String problem(Object event) {
    return problem(event, Long.MIN_VALUE, Long.MIN_VALUE);
  }

  /**
   * Why the collector would reject an event of {@code eventType} with {@code metadata}, or null:
   * the part of an event that custom events let an author choose. The ids, the timestamp and the
   * platform keys are the SDK's own.
   */
  public static String problem(String eventType, Map<String, ?> metadata) {
    try {
      checkEventType(eventType);
      checkMetadata(eventType, metadata);
      return null;
    } catch (Refusal r) {
      return r.getMessage();
    }
  }

  private static void checkEvent(Object value, long now, long retentionMillis) {
    if (!(value instanceof Map)) {
      throw new Refusal("event", "must be a JSON object");
    }
    Map<?, ?> event = (Map<?, ?>) value;
    for (Object key : event.keySet()) {
      if (!EVENT_FIELDS.contains(key)) {
        throw new Refusal("<field>", "is not a known field; allowed: " + String.join(", ", EVENT_FIELDS));
      }
    }
    requireFormat(event, "event_id", Names.isUuid(requiredText(event, "event_id")), "must be a canonical lowercase UUID");
    String eventType = requiredText(event, "event_type");
    checkEventType(eventType);
    checkTimestamp(event.get("timestamp"), now, retentionMillis);
    requireFormat(event, "user_id", Names.isUserId(requiredText(event, "user_id")),
        "must be 64 lowercase hexadecimal characters");
    requireFormat(event, "session_id", Names.isUuid(requiredText(event, "session_id")),
        "must be a canonical lowercase UUID");
    Object metadata = event.get("metadata");
    if (!(metadata instanceof Map)) {
      throw new Refusal("metadata", "is required and must be a JSON object");
    }
    checkMetadata(eventType, (Map<?, ?>) metadata);
  }

  private static void checkEventType(String eventType) {
    if (eventType == null || !Names.isEventType(eventType)) {
      throw new Refusal("event_type", "must be 1 to 64 characters of a-z, 0-9, '_' or '.', starting with a letter");
    }
  }

  private static void checkTimestamp(Object timestamp, long now, long retentionMillis) {
    if (timestamp == null) {
      throw new Refusal("timestamp", "is required");
    }
    if (!isIntegral(timestamp) || !fitsInLong((Number) timestamp)) {
      throw new Refusal("timestamp", "must be an integer: epoch milliseconds, UTC");
    }
    if (now == Long.MIN_VALUE) {
      return; // no window to judge against
    }
    long millis = ((Number) timestamp).longValue();
    if (millis > now + MAX_CLOCK_AHEAD_MILLIS) {
      throw new Refusal("timestamp", "is more than 24 hours in the future");
    }
    if (millis < now - retentionMillis) {
      throw new Refusal("timestamp",
          "is older than the collector keeps events (" + retentionMillis / (24L * 60 * 60 * 1000) + " days)");
    }
  }

  private static void requireFormat(Map<?, ?> event, String name, boolean valid, String problem) {
    if (!valid) {
      throw new Refusal(name, problem);
    }
  }

  private static String requiredText(Map<?, ?> event, String name) {
    Object value = event.get(name);
    if (value == null) {
      throw new Refusal(name, "is required");
    }
    if (!(value instanceof String)) {
      throw new Refusal(name, "must be a string");
    }
    return (String) value;
  }

  /** The generic rules, then those of the event type (the collector's order). */
  private static void checkMetadata(String eventType, Map<?, ?> metadata) {
    if (metadata.size() > MAX_ENTRIES) {
      throw new Refusal("metadata", "has more than " + MAX_ENTRIES + " keys");
    }
    for (Map.Entry<?, ?> entry : metadata.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String) || !Names.isMetadataKey((String) key)) {
        throw new Refusal("metadata", "has an invalid key:"
            + " keys are 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-', starting with a letter");
      }
      String shown = EventTypeRules.isWellKnownKey((String) key) ? "metadata." + key : "metadata.<key>";
      if (entry.getValue() instanceof Map) {
        checkNested((Map<?, ?>) entry.getValue(), shown);
      } else {
        checkLeafOrArray(entry.getValue(), shown);
      }
    }
    EventTypeRules.check(eventType, metadata);
  }

  private static void checkNested(Map<?, ?> object, String shown) {
    if (object.size() > MAX_ENTRIES) {
      throw new Refusal(shown, "has more than " + MAX_ENTRIES + " keys");
    }
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      if (!(entry.getKey() instanceof String) || !Names.isNestedKey((String) entry.getKey())) {
        throw new Refusal(shown, "has an invalid key:"
            + " keys of a nested object are 1 to 64 printable ASCII characters without spaces");
      }
      if (entry.getValue() instanceof Map) {
        throw new Refusal(shown + ".<key>", "is an object inside a nested object: metadata nests one level only,"
            + " so a nested object's values are strings, numbers, booleans, null or arrays of strings");
      }
      checkLeafOrArray(entry.getValue(), shown + ".<key>");
    }
  }

  private static void checkLeafOrArray(Object value, String shown) {
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      if (list.size() > MAX_ENTRIES) {
        throw new Refusal(shown, "holds more than " + MAX_ENTRIES + " strings");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof String)) {
          throw new Refusal(shown + "[" + i + "]", "must be a string: arrays hold only strings");
        }
        checkString((String) list.get(i), shown + "[" + i + "]");
      }
    } else if (value instanceof String) {
      checkString((String) value, shown);
    } else if (value instanceof Number) {
      checkNumber((Number) value, shown);
    } else if (value != null && !(value instanceof Boolean)) {
      throw new Refusal(shown, "has an unsupported value type");
    }
  }

  private static void checkString(String value, String shown) {
    if (value.codePointCount(0, value.length()) > MAX_STRING_LENGTH) {
      throw new Refusal(shown, "is longer than " + MAX_STRING_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // PostgreSQL text cannot hold NUL, and a lone surrogate is not Unicode: the collector refuses both.
      if (c == 0) {
        throw new Refusal(shown, "contains NUL (\\u0000), which is not allowed");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Refusal(shown, "contains an unpaired surrogate, which is not valid Unicode");
      }
    }
  }

  private static void checkNumber(Number value, String shown) {
    boolean representable = isIntegral(value) ? fitsInLong(value) : Double.isFinite(value.doubleValue());
    if (!representable) {
      throw new Refusal(shown, "must be a finite number; integers must fit in 64 bits");
    }
  }

  static boolean isIntegral(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
  }

  private static boolean fitsInLong(Number value) {
    return !(value instanceof BigInteger) || ((BigInteger) value).bitLength() < 64;
  }

  /** Thrown by {@link EventTypeRules} for a broken rule; package-private so the rules stay here. */
  static RuntimeException refusal(String shown, String problem) {
    return new Refusal(shown, problem);
  }
}

package dev.telemetrykit.picocli.internal.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata the protocol's well-known event types require or constrain (docs/protocol.md,
 * "Well-known event types"), on top of {@link EventRules}' generic ones. Keys not named here
 * follow the generic rules only, and custom event types have none of these.
 */
final class EventTypeRules {
  // Kinds of value, as ints rather than an enum: an enum and its switch would be two more classes to
  // load at a JVM's first custom event.
  private static final int STRING = 0;
  private static final int NON_EMPTY_STRING = 1;
  private static final int BOOLEAN = 2;
  private static final int NON_NEGATIVE_INTEGER = 3;
  private static final int INT32 = 4;
  private static final int STRING_ARRAY = 5;
  private static final int OPTION_VALUES = 6;
  private static final int CLASS_NAME = 7;

  private record Rule(String key, int kind, boolean required) {}

  private static final List<Rule> PLATFORM = List.of(
      new Rule(EventSchema.VERSION, STRING, false),
      new Rule(EventSchema.OS, STRING, false),
      new Rule(EventSchema.ARCH, STRING, false),
      new Rule(EventSchema.JAVA_VERSION, STRING, false),
      new Rule(EventSchema.CI, BOOLEAN, false),
      new Rule(EventSchema.INTERACTIVE, BOOLEAN, false));

  private static final Map<String, List<Rule>> RULES = Map.of(
      "command_executed", with(
          new Rule(EventSchema.COMMAND, STRING, true),
          new Rule(EventSchema.SUCCESS, BOOLEAN, true),
          new Rule(EventSchema.DURATION_MS, NON_NEGATIVE_INTEGER, true),
          new Rule(EventSchema.EXIT_CODE, INT32, true),
          new Rule(EventSchema.OPTIONS, STRING_ARRAY, false),
          new Rule(EventSchema.OPTION_VALUES, OPTION_VALUES, false),
          new Rule(EventSchema.ERROR, CLASS_NAME, false)),
      "feature_used", with(new Rule("feature", NON_EMPTY_STRING, true)),
      "method_called", with(new Rule("method", NON_EMPTY_STRING, true)),
      CommandInventory.EVENT_TYPE, with(
          new Rule(EventSchema.COMMAND, NON_EMPTY_STRING, true),
          new Rule(EventSchema.OPTIONS, STRING_ARRAY, false)));

  private static final Set<String> WELL_KNOWN_KEYS = wellKnownKeys();

  private EventTypeRules() {}

  /** Whether the protocol names {@code key} for some type; answers show other keys as {@code <key>}. */
  static boolean isWellKnownKey(String key) {
    return WELL_KNOWN_KEYS.contains(key);
  }

  /** Checks {@code metadata}, already valid under the generic rules, against its type's rules. */
  static void check(String eventType, Map<?, ?> metadata) {
    for (Rule rule : RULES.getOrDefault(eventType, List.of())) {
      Object value = metadata.get(rule.key());
      String shown = "metadata." + rule.key();
      if (value == null) {
        if (rule.required()) {
          throw EventRules.refusal(shown, "is required for " + eventType + " events");
        }
        continue;
      }
      if (!matches(rule.kind(), value)) {
        throw EventRules.refusal(shown, describe(rule.kind()));
      }
      if (rule.kind() == OPTION_VALUES) {
        for (Object optionValue : ((Map<?, ?>) value).values()) {
          // Arrays were already checked to hold only strings; numbers and booleans are not option values.
          if (!(optionValue instanceof String) && !(optionValue instanceof List)) {
            throw EventRules.refusal(shown + ".<key>", "must be a string or an array of strings");
          }
        }
      }
    }
  }

  private static boolean matches(int kind, Object value) {
    switch (kind) {
      case STRING: return value instanceof String;
      case NON_EMPTY_STRING: return value instanceof String && !((String) value).isEmpty();
      case BOOLEAN: return value instanceof Boolean;
      // Integers were already checked to fit in 64 bits.
      case NON_NEGATIVE_INTEGER: return EventRules.isIntegral(value) && ((Number) value).longValue() >= 0;
      case INT32:
        return EventRules.isIntegral(value) && ((Number) value).longValue() == ((Number) value).intValue();
      case STRING_ARRAY: return value instanceof List; // items were checked by the generic rules
      case OPTION_VALUES: return value instanceof Map;
      default: // CLASS_NAME
        return value instanceof String && Names.isClassName((String) value);
    }
  }

  private static String describe(int kind) {
    switch (kind) {
      case STRING: return "must be a string";
      case NON_EMPTY_STRING: return "must be a non-empty string";
      case BOOLEAN: return "must be a boolean";
      case NON_NEGATIVE_INTEGER: return "must be an integer >= 0";
      case INT32: return "must be a 32-bit integer";
      case STRING_ARRAY: return "must be an array of strings";
      case OPTION_VALUES: return "must be an object mapping option names to a string or an array of strings";
      default: return "must be an exception class name such as java.io.IOException";
    }
  }

  // Loops rather than streams: a custom event is recorded on the app's own path, where the first
  // lambda of a JVM costs tens of milliseconds.
  private static List<Rule> with(Rule... specific) {
    List<Rule> rules = new ArrayList<>(List.of(specific));
    rules.addAll(PLATFORM);
    return List.copyOf(rules);
  }

  private static Set<String> wellKnownKeys() {
    Set<String> keys = new HashSet<>();
    for (List<Rule> rules : RULES.values()) {
      for (Rule rule : rules) {
        keys.add(rule.key());
      }
    }
    return Set.copyOf(keys);
  }
}

package dev.telemetrykit.picocli.internal.event;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The metadata the protocol's well-known event types require or constrain (docs/protocol.md,
 * "Well-known event types"), on top of {@link EventRules}' generic ones. Keys not named here
 * follow the generic rules only, and custom event types have none of these.
 */
final class EventTypeRules {
  private enum Kind { STRING, NON_EMPTY_STRING, BOOLEAN, NON_NEGATIVE_INTEGER, INT32, STRING_ARRAY, OPTION_VALUES, CLASS_NAME }

  private record Rule(String key, Kind kind, boolean required) {}

  // A Java class name, so that "error" can never carry an exception message.
  private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  private static final List<Rule> PLATFORM = List.of(
      new Rule(EventSchema.VERSION, Kind.STRING, false),
      new Rule(EventSchema.OS, Kind.STRING, false),
      new Rule(EventSchema.ARCH, Kind.STRING, false),
      new Rule(EventSchema.JAVA_VERSION, Kind.STRING, false),
      new Rule(EventSchema.CI, Kind.BOOLEAN, false),
      new Rule(EventSchema.INTERACTIVE, Kind.BOOLEAN, false));

  private static final Map<String, List<Rule>> RULES = Map.of(
      "command_executed", with(
          new Rule(EventSchema.COMMAND, Kind.STRING, true),
          new Rule(EventSchema.SUCCESS, Kind.BOOLEAN, true),
          new Rule(EventSchema.DURATION_MS, Kind.NON_NEGATIVE_INTEGER, true),
          new Rule(EventSchema.EXIT_CODE, Kind.INT32, true),
          new Rule(EventSchema.OPTIONS, Kind.STRING_ARRAY, false),
          new Rule(EventSchema.OPTION_VALUES, Kind.OPTION_VALUES, false),
          new Rule(EventSchema.ERROR, Kind.CLASS_NAME, false)),
      "feature_used", with(new Rule("feature", Kind.NON_EMPTY_STRING, true)),
      "method_called", with(new Rule("method", Kind.NON_EMPTY_STRING, true)));

  private static final Set<String> WELL_KNOWN_KEYS =
      RULES.values().stream().flatMap(List::stream).map(Rule::key).collect(Collectors.toUnmodifiableSet());

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
      if (rule.kind() == Kind.OPTION_VALUES) {
        for (Object optionValue : ((Map<?, ?>) value).values()) {
          // Arrays were already checked to hold only strings; numbers and booleans are not option values.
          if (!(optionValue instanceof String) && !(optionValue instanceof List)) {
            throw EventRules.refusal(shown + ".<key>", "must be a string or an array of strings");
          }
        }
      }
    }
  }

  private static boolean matches(Kind kind, Object value) {
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
        return value instanceof String && ((String) value).length() <= EventRules.MAX_STRING_LENGTH
            && CLASS_NAME.matcher((String) value).matches();
    }
  }

  private static String describe(Kind kind) {
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

  private static List<Rule> with(Rule... specific) {
    return Stream.concat(Stream.of(specific), PLATFORM.stream()).collect(Collectors.toUnmodifiableList());
  }
}

package dev.telemetrykit.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Extra metadata rules for the well-known event types, on top of the generic ones.
 *
 * <p>Only keys named here are checked; any other key follows the generic rules, so the SDK can add
 * metadata without a collector release. Custom event types get the generic rules only.
 */
final class EventTypeRules {
  private enum Kind { STRING, NON_EMPTY_STRING, BOOLEAN, NON_NEGATIVE_INTEGER, INT32, STRING_ARRAY, OPTION_VALUES, CLASS_NAME }

  private record Rule(String key, Kind kind, boolean required) {}

  private static final List<Rule> PLATFORM = List.of(
      new Rule("version", Kind.STRING, false),
      new Rule("os", Kind.STRING, false),
      new Rule("arch", Kind.STRING, false),
      new Rule("java_version", Kind.STRING, false),
      new Rule("ci", Kind.BOOLEAN, false),
      new Rule("interactive", Kind.BOOLEAN, false));

  private static final Map<String, List<Rule>> RULES = Map.of(
      "command_executed", with(
          new Rule("command", Kind.STRING, true),
          new Rule("success", Kind.BOOLEAN, true),
          new Rule("duration_ms", Kind.NON_NEGATIVE_INTEGER, true),
          new Rule("exit_code", Kind.INT32, true),
          new Rule("options", Kind.STRING_ARRAY, false),
          new Rule("option_values", Kind.OPTION_VALUES, false),
          new Rule("error", Kind.CLASS_NAME, false)),
      "feature_used", with(new Rule("feature", Kind.NON_EMPTY_STRING, true)),
      "method_called", with(new Rule("method", Kind.NON_EMPTY_STRING, true)),
      "inventory", with(
          new Rule("command", Kind.NON_EMPTY_STRING, true),
          new Rule("options", Kind.STRING_ARRAY, false)));

  /** Every key some well-known type defines: names of the protocol, so answers may show them. */
  private static final java.util.Set<String> WELL_KNOWN_KEYS = RULES.values().stream()
      .flatMap(List::stream).map(Rule::key).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private EventTypeRules() {}

  /** Whether the protocol defines {@code key} for some event type (else the client chose it). */
  static boolean isWellKnownKey(String key) {
    return WELL_KNOWN_KEYS.contains(key);
  }

  /** Checks {@code metadata}, already valid under the generic rules, against its type's rules. */
  static void check(String eventType, ObjectNode metadata, Field path) {
    for (Rule rule : RULES.getOrDefault(eventType, List.of())) {
      JsonNode value = metadata.get(rule.key());
      Field field = path.known(rule.key());
      if (value == null) {
        if (rule.required()) {
          // eventType is one of RULES' keys here, so the reason stays fixed text.
          throw new InvalidEventException(field, "is required for " + eventType + " events");
        }
        continue;
      }
      if (!matches(rule.kind(), value)) {
        throw new InvalidEventException(field, describe(rule.kind()));
      }
      if (rule.kind() == Kind.OPTION_VALUES) {
        requireStringsOrStringArrays(value, field);
      }
    }
  }

  private static boolean matches(Kind kind, JsonNode value) {
    return switch (kind) {
      case STRING -> value.isTextual();
      case NON_EMPTY_STRING -> value.isTextual() && !value.textValue().isEmpty();
      case BOOLEAN -> value.isBoolean();
      case NON_NEGATIVE_INTEGER -> value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0;
      case INT32 -> value.isIntegralNumber() && value.canConvertToInt();
      case STRING_ARRAY -> value.isArray(); // items were checked by the generic rules
      case OPTION_VALUES -> value.isObject();
      case CLASS_NAME -> value.isTextual() && Identifiers.isClassName(value.textValue());
    };
  }

  private static void requireStringsOrStringArrays(JsonNode optionValues, Field path) {
    for (Map.Entry<String, JsonNode> entry : optionValues.properties()) {
      // Arrays were already checked to hold only strings; numbers and booleans are not option values.
      if (!entry.getValue().isTextual() && !entry.getValue().isArray()) {
        throw new InvalidEventException(path.chosen(entry.getKey(), "<key>"),
            "must be a string or an array of strings");
      }
    }
  }

  private static String describe(Kind kind) {
    return switch (kind) {
      case STRING -> "must be a string";
      case NON_EMPTY_STRING -> "must be a non-empty string";
      case BOOLEAN -> "must be a boolean";
      case NON_NEGATIVE_INTEGER -> "must be an integer >= 0";
      case INT32 -> "must be a 32-bit integer";
      case STRING_ARRAY -> "must be an array of strings";
      case OPTION_VALUES -> "must be an object mapping option names to a string or an array of strings";
      case CLASS_NAME -> "must be an exception class name such as java.io.IOException";
    };
  }

  private static List<Rule> with(Rule... specific) {
    return Stream.concat(Stream.of(specific), PLATFORM.stream()).toList();
  }
}

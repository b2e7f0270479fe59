package dev.telemetrykit.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The generic metadata rules that every event type follows (docs/protocol.md, "metadata").
 *
 * <p>Values may be strings, numbers, booleans, null, arrays of strings, or one level of nested object
 * whose values are anything but objects. That shape alone keeps legal documents within the
 * protocol's nesting limit.
 */
final class MetadataValidator {
  private MetadataValidator() {}

  static void validate(ObjectNode metadata, Field path) {
    checkSize(metadata, path);
    for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
      String key = entry.getKey();
      if (!Identifiers.isMetadataKey(key)) {
        throw new InvalidEventException(path, "has an invalid key:"
            + " keys are 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-', starting with a letter");
      }
      JsonNode value = entry.getValue();
      Field field = EventTypeRules.isWellKnownKey(key) ? path.known(key) : path.chosen(key, "<key>");
      if (value.isObject()) {
        validateNested((ObjectNode) value, field);
      } else {
        validateLeafOrArray(value, field);
      }
    }
  }

  private static void validateNested(ObjectNode object, Field path) {
    checkSize(object, path);
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!Identifiers.isNestedKey(entry.getKey())) {
        throw new InvalidEventException(path, "has an invalid key:"
            + " keys of a nested object are 1 to 64 printable ASCII characters without spaces");
      }
      Field field = path.chosen(entry.getKey(), "<key>");
      if (entry.getValue().isObject()) {
        throw new InvalidEventException(field,
            "is an object inside a nested object: metadata nests one level only, so a nested"
                + " object's values are strings, numbers, booleans, null or arrays of strings");
      }
      validateLeafOrArray(entry.getValue(), field);
    }
  }

  private static void validateLeafOrArray(JsonNode value, Field field) {
    if (value.isArray()) {
      validateStringArray(value, field);
    } else if (value.isTextual()) {
      checkString(value.textValue(), field);
    } else if (value.isNumber()) {
      checkNumber(value, field);
    } else if (!value.isBoolean() && !value.isNull()) {
      throw new InvalidEventException(field, "has an unsupported value type");
    }
  }

  private static void validateStringArray(JsonNode array, Field field) {
    if (array.size() > Limits.MAX_ENTRIES) {
      throw new InvalidEventException(field, "holds more than " + Limits.MAX_ENTRIES + " strings");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw new InvalidEventException(field.item(i), "must be a string: arrays hold only strings");
      }
      checkString(item.textValue(), field.item(i));
    }
  }

  private static void checkSize(ObjectNode object, Field path) {
    if (object.size() > Limits.MAX_ENTRIES) {
      throw new InvalidEventException(path, "has more than " + Limits.MAX_ENTRIES + " keys");
    }
  }

  static void checkString(String value, Field field) {
    if (value.codePointCount(0, value.length()) > Limits.MAX_STRING_LENGTH) {
      throw new InvalidEventException(field, "is longer than " + Limits.MAX_STRING_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // PostgreSQL text cannot hold NUL, and a lone surrogate is not Unicode: storing either would fail.
      if (c == 0) {
        throw new InvalidEventException(field, "contains NUL (\\u0000), which is not allowed");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidEventException(field, "contains an unpaired surrogate, which is not valid Unicode");
      }
    }
  }

  private static void checkNumber(JsonNode value, Field field) {
    // 1e400 parses to Infinity, which is not JSON and could not be written back out.
    boolean representable = value.isIntegralNumber() ? value.canConvertToLong() : Double.isFinite(value.doubleValue());
    if (!representable) {
      throw new InvalidEventException(field,
          "must be a finite number; integers must fit in 64 bits");
    }
  }

  /** Cuts a client-supplied name for an error message, so a huge key cannot bloat the response. */
  static String shorten(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "..." : name;
  }
}

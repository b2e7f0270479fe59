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

  static void validate(ObjectNode metadata, String path) {
    checkSize(metadata, path);
    for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
      String key = entry.getKey();
      if (!Identifiers.isMetadataKey(key)) {
        throw RequestRejectedException.invalid(path, "has an invalid key '" + shorten(key)
            + "': keys are 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-', starting with a letter");
      }
      JsonNode value = entry.getValue();
      String field = path + "." + key;
      if (value.isObject()) {
        validateNested((ObjectNode) value, field);
      } else {
        validateLeafOrArray(value, field);
      }
    }
  }

  private static void validateNested(ObjectNode object, String path) {
    checkSize(object, path);
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (!Identifiers.isNestedKey(entry.getKey())) {
        throw RequestRejectedException.invalid(path, "has an invalid key '" + shorten(entry.getKey())
            + "': keys of a nested object are 1 to 64 printable ASCII characters without spaces");
      }
      String field = path + "." + entry.getKey();
      if (entry.getValue().isObject()) {
        throw RequestRejectedException.invalid(field,
            "is an object inside a nested object: metadata nests one level only, so a nested"
                + " object's values are strings, numbers, booleans, null or arrays of strings");
      }
      validateLeafOrArray(entry.getValue(), field);
    }
  }

  private static void validateLeafOrArray(JsonNode value, String field) {
    if (value.isArray()) {
      validateStringArray(value, field);
    } else if (value.isTextual()) {
      checkString(value.textValue(), field);
    } else if (value.isNumber()) {
      checkNumber(value, field);
    } else if (!value.isBoolean() && !value.isNull()) {
      throw RequestRejectedException.invalid(field, "has an unsupported value type");
    }
  }

  private static void validateStringArray(JsonNode array, String field) {
    if (array.size() > Limits.MAX_ENTRIES) {
      throw RequestRejectedException.invalid(field, "holds more than " + Limits.MAX_ENTRIES + " strings");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw RequestRejectedException.invalid(field + "[" + i + "]", "must be a string: arrays hold only strings");
      }
      checkString(item.textValue(), field + "[" + i + "]");
    }
  }

  private static void checkSize(ObjectNode object, String path) {
    if (object.size() > Limits.MAX_ENTRIES) {
      throw RequestRejectedException.invalid(path, "has more than " + Limits.MAX_ENTRIES + " keys");
    }
  }

  static void checkString(String value, String field) {
    if (value.codePointCount(0, value.length()) > Limits.MAX_STRING_LENGTH) {
      throw RequestRejectedException.invalid(field, "is longer than " + Limits.MAX_STRING_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // PostgreSQL text cannot hold NUL, and a lone surrogate is not Unicode: storing either would fail.
      if (c == 0) {
        throw RequestRejectedException.invalid(field, "contains NUL (\\u0000), which is not allowed");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw RequestRejectedException.invalid(field, "contains an unpaired surrogate, which is not valid Unicode");
      }
    }
  }

  private static void checkNumber(JsonNode value, String field) {
    // 1e400 parses to Infinity, which is not JSON and could not be written back out.
    boolean representable = value.isIntegralNumber() ? value.canConvertToLong() : Double.isFinite(value.doubleValue());
    if (!representable) {
      throw RequestRejectedException.invalid(field,
          "must be a finite number; integers must fit in 64 bits");
    }
  }

  /** Cuts a client-supplied name for an error message, so a huge key cannot bloat the response. */
  static String shorten(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "..." : name;
  }
}

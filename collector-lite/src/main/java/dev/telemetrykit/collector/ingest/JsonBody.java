package dev.telemetrykit.collector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Parses a request body into a JSON tree, strictly: UTF-8 only, no duplicate keys, nothing after the value. */
public final class JsonBody {
  private static final ObjectMapper MAPPER = new ObjectMapper(
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(Limits.PARSER_MAX_DEPTH)
              .maxNumberLength(64) // no legal number needs more digits; long ones cost CPU to parse
              .build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBody() {}

  /**
   * Parses {@code body}.
   *
   * @throws RequestRejectedException 400 when the body is not one well-formed UTF-8 JSON value
   */
  public static JsonNode parse(byte[] body) {
    String text = decodeUtf8(body);
    try {
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode()) {
        throw RequestRejectedException.invalid(null, "request body is empty");
      }
      return tree;
    } catch (StreamConstraintsException e) {
      // Raised for nesting, number length and key length alike; none is legal in a batch.
      throw RequestRejectedException.invalid(null, "JSON is nested deeper than " + Limits.PARSER_MAX_DEPTH
          + " levels, or holds a number or key far longer than any batch needs");
    } catch (MismatchedInputException e) {
      // Raised for a duplicate key; the parser is positioned on it, so we can name the field.
      throw RequestRejectedException.invalid(fieldOf(e), "appears more than once in its object");
    } catch (JsonProcessingException e) {
      throw RequestRejectedException.invalid(null, "malformed JSON" + where(e.getLocation()) + ": "
          + firstSentence(e.getOriginalMessage()));
    }
  }

  private static String decodeUtf8(byte[] body) {
    // Jackson would guess UTF-16/32 from the first bytes and tolerate some bad sequences;
    // the protocol says UTF-8, so decode strictly first.
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw RequestRejectedException.invalid(null, "request body is not valid UTF-8");
    }
  }

  private static String fieldOf(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    return FieldPath.of(parser.getParsingContext());
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstSentence(String message) {
    String first = message.split("\n", 2)[0];
    int source = first.indexOf(" (start marker at");
    return source > 0 ? first.substring(0, source) : first;
  }

  /** Turns a parser position into the protocol's field notation, e.g. {@code events[3].metadata.os}. */
  static final class FieldPath {
    private FieldPath() {}

    static String of(JsonStreamContext context) {
      StringBuilder path = new StringBuilder();
      for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray()) {
          path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
        } else if (c.getCurrentName() != null) {
          path.insert(0, (c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
        }
      }
      return path.length() == 0 ? null : path.toString();
    }
  }
}

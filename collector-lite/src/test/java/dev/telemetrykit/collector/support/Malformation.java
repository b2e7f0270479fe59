package dev.telemetrykit.collector.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.ingest.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.zip.GZIPOutputStream;

/**
 * Ways to spoil a valid batch (from {@link Batches#commands}) so that the collector must refuse it
 * with a 4xx, or, when only an event is spoiled, reject that event in its 200. Every kind is chosen
 * so that no random draw can yield an acceptable request: the property tests and the fuzz run rely
 * on that as their oracle.
 *
 * <pre>{@code
 * BadRequest bad = Malformation.TRUNCATED.apply(Batches.commands(5, user), new Random(seed));
 * collector.post(bad.body(), bad.contentType(), bad.contentEncoding());
 * }</pre>
 */
public enum Malformation {
  MISSING_FIELD, WRONG_TYPE, STRING_TOO_LONG, BAD_ID, EXTRA_MEMBER, TOO_MANY_EVENTS, DEEP_NESTING,
  TRUNCATED, RANDOM_BYTES, TOKEN_SOUP, INVALID_UTF8, WRONG_CONTENT_TYPE, UNKNOWN_ENCODING, OVERSIZED,
  GZIP_OF_GARBAGE, TRUNCATED_GZIP, GZIP_BOMB;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String JSON = "application/json";
  private static final List<String> BATCH_FIELDS = List.of("service_name", "service_version", "events");
  private static final List<String> EVENT_FIELDS =
      List.of("event_id", "event_type", "timestamp", "user_id", "session_id", "metadata");
  private static final List<String> REQUIRED_METADATA = List.of("command", "success", "duration_ms", "exit_code");
  private static final List<String> ID_FIELDS = List.of("event_id", "user_id", "session_id");
  // Byte sequences that strict UTF-8 decoding refuses: stray continuation, overlong '/', a UTF-16
  // surrogate encoded as UTF-8, a lead byte without its continuation, bytes never used in UTF-8.
  private static final byte[][] BAD_UTF8 = {
      {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};

  /** A request to send: body and headers (a null header is not sent). */
  public record BadRequest(Malformation kind, byte[] body, String contentType, String contentEncoding) {
    @Override
    public String toString() {
      return kind + " (" + body.length + " bytes, " + contentType + ", " + contentEncoding + ")";
    }
  }

  /** Spoils {@code valid} (left unchanged) the way this kind does, drawing choices from {@code random}. */
  public BadRequest apply(ObjectNode valid, Random random) {
    ObjectNode batch = valid.deepCopy();
    return switch (this) {
      case MISSING_FIELD -> json(removeField(batch, random));
      case WRONG_TYPE -> json(wrongType(batch, random));
      case STRING_TOO_LONG -> json(tooLong(batch, random));
      case BAD_ID -> json(badId(batch, random));
      case EXTRA_MEMBER -> json(extraMember(batch, random));
      case TOO_MANY_EVENTS -> json(tooManyEvents(batch, random));
      case DEEP_NESTING -> deepNesting(batch, random);
      case TRUNCATED -> json(truncate(Batches.bytes(batch), random));
      case RANDOM_BYTES -> json(randomBytes(random, 1 + random.nextInt(4096)));
      case TOKEN_SOUP -> json(tokenSoup(random));
      case INVALID_UTF8 -> json(insert(Batches.bytes(batch), pick(BAD_UTF8, random), random));
      case WRONG_CONTENT_TYPE -> new BadRequest(this, Batches.bytes(batch), pick(WRONG_TYPES, random), null);
      case UNKNOWN_ENCODING -> new BadRequest(this, Batches.bytes(batch), JSON, pick(UNKNOWN_ENCODINGS, random));
      case OVERSIZED -> json(padded(Batches.bytes(batch), Limits.MAX_BODY_BYTES + 1 + random.nextInt(1 << 20)));
      case GZIP_OF_GARBAGE -> gzipped(random.nextBoolean() ? Batches.bytes(batch) : randomBytes(random, 1 + random.nextInt(2048)));
      case TRUNCATED_GZIP -> gzipped(truncate(RunningCollector.gzip(Batches.bytes(batch)), random));
      case GZIP_BOMB -> gzipped(gzipBomb(Batches.bytes(batch), random));
    };
  }

  private static final String[] WRONG_TYPES = {
      "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
      "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/jsonx", "*/*",
      "application/json-patch+json"};
  private static final String[] UNKNOWN_ENCODINGS = {"br", "deflate", "compress", "zstd", "gzip, gzip", "identity;q=0"};

  private BadRequest json(byte[] body) {
    return new BadRequest(this, body, JSON, null);
  }

  private BadRequest json(ObjectNode batch) {
    return json(Batches.bytes(batch));
  }

  private BadRequest gzipped(byte[] body) {
    return new BadRequest(this, body, JSON, "gzip");
  }

  private static ObjectNode removeField(ObjectNode batch, Random random) {
    switch (random.nextInt(3)) {
      case 0 -> batch.remove(pick(BATCH_FIELDS, random));
      case 1 -> randomEvent(batch, random).remove(pick(EVENT_FIELDS, random));
      default -> ((ObjectNode) randomEvent(batch, random).get("metadata")).remove(pick(REQUIRED_METADATA, random));
    }
    return batch;
  }

  private static ObjectNode wrongType(ObjectNode batch, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> batch.set(pick(BATCH_FIELDS, random), notAString(random));
      case 1 -> {
        String field = pick(EVENT_FIELDS, random);
        // Every event field is a string but timestamp (an integer) and metadata (an object).
        JsonNode value = switch (field) {
          case "timestamp" -> random.nextBoolean() ? NODES.textNode("1764028800000") : NODES.numberNode(1.5e12);
          case "metadata" -> random.nextBoolean() ? NODES.arrayNode() : NODES.textNode("{}");
          default -> notAString(random);
        };
        randomEvent(batch, random).set(field, value);
      }
      case 2 -> {
        ObjectNode metadata = (ObjectNode) randomEvent(batch, random).get("metadata");
        switch (random.nextInt(4)) {
          case 0 -> metadata.put("success", "true");
          case 1 -> metadata.put("duration_ms", -1 - random.nextInt(1000));
          case 2 -> metadata.put("exit_code", 1L << 40);
          default -> metadata.putObject("command").put("name", "build");
        }
      }
      default -> batch.set("events", random.nextBoolean() ? NODES.objectNode() : NODES.textNode("[]"));
    }
    return batch;
  }

  private static JsonNode notAString(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.nullNode();
      case 3 -> NODES.arrayNode().add("x");
      default -> NODES.objectNode().put("x", 1);
    };
  }

  private static ObjectNode tooLong(ObjectNode batch, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> batch.put("service_name", "a".repeat(Limits.MAX_NAME_LENGTH + 1 + random.nextInt(500)));
      case 1 -> batch.put("service_version", "1".repeat(Limits.MAX_NAME_LENGTH + 1 + random.nextInt(500)));
      case 2 -> randomEvent(batch, random).put("event_type", "t".repeat(Limits.MAX_NAME_LENGTH + 1 + random.nextInt(500)));
      default -> ((ObjectNode) randomEvent(batch, random).get("metadata"))
          // Code points, not chars, are counted: an emoji is one character but two chars.
          .put("command", "\uD83D\uDE80".repeat(Limits.MAX_STRING_LENGTH + 1 + random.nextInt(5000)));
    }
    return batch;
  }

  private static ObjectNode badId(ObjectNode batch, Random random) {
    ObjectNode event = randomEvent(batch, random);
    String field = pick(ID_FIELDS, random);
    String good = event.get(field).textValue();
    String bad = switch (random.nextInt(5)) {
      case 0 -> good.toUpperCase(Locale.ROOT) + "A";
      case 1 -> good.substring(0, 1 + random.nextInt(good.length() - 1)); // too short
      case 2 -> good + "0"; // too long
      case 3 -> good.substring(0, good.length() - 1) + "g"; // not hexadecimal
      default -> "";
    };
    event.put(field, bad);
    return batch;
  }

  private static ObjectNode extraMember(ObjectNode batch, Random random) {
    ObjectNode target = random.nextBoolean() ? batch : randomEvent(batch, random);
    target.put("extra_" + Integer.toHexString(random.nextInt()), random.nextInt());
    return batch;
  }

  private static ObjectNode tooManyEvents(ObjectNode batch, Random random) {
    ArrayNode events = batch.withArray("events");
    JsonNode template = events.get(0);
    while (events.size() <= Limits.MAX_EVENTS + random.nextInt(50)) {
      events.add(template.deepCopy());
    }
    return batch;
  }

  private BadRequest deepNesting(ObjectNode batch, Random random) {
    if (random.nextBoolean()) {
      // Legal JSON, illegal shape: an object in a nested object, or an array of arrays, in metadata.
      ObjectNode metadata = (ObjectNode) randomEvent(batch, random).get("metadata");
      JsonNode leaf = NODES.textNode("x");
      for (int depth = 2 + random.nextInt(20); depth > 0; depth--) {
        leaf = random.nextBoolean() ? NODES.objectNode().set("k", leaf) : NODES.arrayNode().add(leaf);
      }
      metadata.set("nested", NODES.objectNode().set("inner", NODES.arrayNode().add(leaf)));
      return json(batch);
    }
    // Raw text nested far past the parser's limit, closed or not, inside the metadata.
    int depth = 33 + random.nextInt(random.nextBoolean() ? 100 : 200_000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String nested = open.repeat(depth) + "1" + (random.nextBoolean() ? close.repeat(depth) : "");
    String text = new String(Batches.bytes(batch), UTF_8).replaceFirst("\"metadata\":\\{", "\"metadata\":{\"deep\":"
        + Matcher.quoteReplacement(nested) + ",");
    return json(text.getBytes(UTF_8));
  }

  /** Cuts {@code bytes} at a random offset in [0, length): never the whole document. */
  private static byte[] truncate(byte[] bytes, Random random) {
    return Arrays.copyOf(bytes, random.nextInt(bytes.length));
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Random JSON tokens: mostly malformed JSON, never a batch (it cannot spell the field names). */
  private static byte[] tokenSoup(Random random) {
    String[] tokens = {"{", "}", "[", "]", ":", ",", "\"", "\"events\"", "true", "null", "-", "1e999", "0.",
        "\\u", "\\", " ", "\"\\uD800\"", "18446744073709551616"};
    StringBuilder soup = new StringBuilder();
    for (int i = 1 + random.nextInt(300); i > 0; i--) {
      soup.append(tokens[random.nextInt(tokens.length)]);
    }
    return soup.toString().getBytes(UTF_8);
  }

  private static byte[] insert(byte[] bytes, byte[] inserted, Random random) {
    int at = random.nextInt(bytes.length + 1);
    byte[] result = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(inserted, 0, result, at, inserted.length);
    System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
    return result;
  }

  /** The JSON followed by spaces (legal trailing whitespace) up to {@code size} bytes. */
  private static byte[] padded(byte[] json, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    System.arraycopy(json, 0, body, 0, json.length);
    return body;
  }

  /** A valid batch followed by 1 to 16 MiB of whitespace, gzip-compressed to a few KiB. */
  private static byte[] gzipBomb(byte[] json, Random random) {
    int size = Limits.MAX_BODY_BYTES + 1 + random.nextInt(16 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json);
      byte[] spaces = new byte[1 << 16];
      Arrays.fill(spaces, (byte) ' ');
      for (int written = json.length; written < size; written += spaces.length) {
        gzip.write(spaces, 0, Math.min(spaces.length, size - written));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static ObjectNode randomEvent(ObjectNode batch, Random random) {
    ArrayNode events = batch.withArray("events");
    return (ObjectNode) events.get(random.nextInt(events.size()));
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  private static <T> T pick(T[] values, Random random) {
    return values[random.nextInt(values.length)];
  }
}

package dev.telemetrykit.collector.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Builds valid batches with fresh ids, timestamped by the examples' reference clock. */
public final class Batches {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Batches() {}

  /** A random, well-formed user id (64 hex characters). */
  public static String userId() {
    byte[] bytes = new byte[32];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A batch of {@code count} command_executed events of one user. */
  public static ObjectNode commands(int count, String userId) {
    ObjectNode batch = JSON.createObjectNode()
        .put("service_name", "sample-cli")
        .put("service_version", "1.2.0");
    ArrayNode events = batch.putArray("events");
    String session = UUID.randomUUID().toString();
    for (int i = 0; i < count; i++) {
      events.add(command(userId, session, "build"));
    }
    return batch;
  }

  /** One valid command_executed event. */
  public static ObjectNode command(String userId, String sessionId, String command) {
    ObjectNode event = JSON.createObjectNode()
        .put("event_id", UUID.randomUUID().toString())
        .put("event_type", "command_executed")
        .put("timestamp", now() - 60_000)
        .put("user_id", userId)
        .put("session_id", sessionId);
    event.putObject("metadata")
        .put("command", command)
        .put("duration_ms", 12)
        .put("success", true)
        .put("exit_code", 0)
        .put("version", "1.2.0")
        .put("os", "linux")
        .put("arch", "amd64")
        .put("java_version", "17.0.15")
        .put("ci", false)
        .put("interactive", true);
    return event;
  }

  private static long now() {
    return ProtocolExamples.referenceClock().millis();
  }

  /** Serializes a batch to UTF-8 JSON bytes. */
  public static byte[] bytes(ObjectNode batch) {
    try {
      return JSON.writeValueAsBytes(batch);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.telemetrykit.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed body against the wire protocol (docs/protocol.md) and turns it into a {@link Batch}.
 *
 * <p>Stops at the first problem, in document order, and names its field. Thread-safe: it holds only
 * immutable configuration.
 *
 * <pre>{@code
 * BatchValidator validator = new BatchValidator(Clock.systemUTC(), Duration.ofDays(400));
 * Batch batch = validator.validate(JsonBody.parse(bytes)); // throws RequestRejectedException
 * }</pre>
 */
public final class BatchValidator {
  private static final List<String> BATCH_FIELDS = List.of("service_name", "service_version", "events");
  private static final List<String> EVENT_FIELDS =
      List.of("event_id", "event_type", "timestamp", "user_id", "session_id", "metadata");

  private final Clock clock;
  private final Duration retention;

  /**
   * Creates a validator judging timestamps against {@code clock}.
   *
   * @param clock the collector's clock, against which timestamps are judged
   * @param retention how old an event may be; older ones would be deleted at once, so they are refused
   */
  public BatchValidator(Clock clock, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
    this.clock = clock;
    this.retention = retention;
  }

  /**
   * Validates a whole batch.
   *
   * @throws RequestRejectedException 400 naming the first invalid field, or 413 for more than
   *     {@link Limits#MAX_EVENTS} events
   */
  public Batch validate(JsonNode body) {
    if (!body.isObject()) {
      throw RequestRejectedException.invalid(null, "body must be a JSON object");
    }
    rejectUnknownFields(body, BATCH_FIELDS, "");
    String serviceName = requiredText(body, "service_name", "service_name");
    if (!Identifiers.isServiceName(serviceName)) {
      throw RequestRejectedException.invalid("service_name",
          "must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
    String serviceVersion = requiredText(body, "service_version", "service_version");
    if (!Identifiers.isServiceVersion(serviceVersion)) {
      throw RequestRejectedException.invalid("service_version", "must be 1 to 64 printable ASCII characters");
    }
    JsonNode events = body.get("events");
    if (events == null || !events.isArray()) {
      throw RequestRejectedException.invalid("events", "is required and must be an array of events");
    }
    if (events.size() > Limits.MAX_EVENTS) {
      throw RequestRejectedException.tooLarge("events",
          "a batch holds at most " + Limits.MAX_EVENTS + " events, this one has " + events.size());
    }
    if (events.isEmpty()) {
      throw RequestRejectedException.invalid("events", "must hold at least one event");
    }
    long now = clock.millis();
    List<Event> validated = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      validated.add(validateEvent(events.get(i), "events[" + i + "]", now));
    }
    return new Batch(serviceName, serviceVersion, validated);
  }

  private Event validateEvent(JsonNode event, String path, long now) {
    if (!event.isObject()) {
      throw RequestRejectedException.invalid(path, "must be a JSON object");
    }
    rejectUnknownFields(event, EVENT_FIELDS, path + ".");
    String eventId = requiredText(event, "event_id", path + ".event_id");
    if (!Identifiers.isUuid(eventId)) {
      throw RequestRejectedException.invalid(path + ".event_id", "must be a canonical lowercase UUID");
    }
    String eventType = requiredText(event, "event_type", path + ".event_type");
    if (!Identifiers.isEventType(eventType)) {
      throw RequestRejectedException.invalid(path + ".event_type",
          "must be 1 to 64 characters of a-z, 0-9, '_' or '.', starting with a letter");
    }
    long timestamp = timestamp(event, path + ".timestamp", now);
    String userId = requiredText(event, "user_id", path + ".user_id");
    if (!Identifiers.isUserId(userId)) {
      throw RequestRejectedException.invalid(path + ".user_id", "must be 64 lowercase hexadecimal characters");
    }
    String sessionId = requiredText(event, "session_id", path + ".session_id");
    if (!Identifiers.isUuid(sessionId)) {
      throw RequestRejectedException.invalid(path + ".session_id", "must be a canonical lowercase UUID");
    }
    JsonNode metadata = event.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      throw RequestRejectedException.invalid(path + ".metadata", "is required and must be a JSON object");
    }
    MetadataValidator.validate((ObjectNode) metadata, path + ".metadata");
    EventTypeRules.check(eventType, (ObjectNode) metadata, path + ".metadata");
    return new Event(eventId, eventType, timestamp, userId, sessionId, (ObjectNode) metadata);
  }

  private long timestamp(JsonNode event, String field, long now) {
    JsonNode node = event.get("timestamp");
    if (node == null || node.isNull()) {
      throw RequestRejectedException.invalid(field, "is required");
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw RequestRejectedException.invalid(field, "must be an integer: epoch milliseconds, UTC");
    }
    long timestamp = node.longValue();
    if (timestamp > now + Limits.MAX_CLOCK_AHEAD.toMillis()) {
      throw RequestRejectedException.invalid(field, "is more than 24 hours in the future");
    }
    if (timestamp < now - retention.toMillis()) {
      throw RequestRejectedException.invalid(field,
          "is older than the collector keeps events (" + retention.toDays() + " days)");
    }
    return timestamp;
  }

  private static String requiredText(JsonNode object, String name, String field) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      throw RequestRejectedException.invalid(field, "is required");
    }
    if (!node.isTextual()) {
      throw RequestRejectedException.invalid(field, "must be a string");
    }
    return node.textValue();
  }

  private static void rejectUnknownFields(JsonNode object, List<String> known, String prefix) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      if (!known.contains(name)) {
        throw RequestRejectedException.invalid(prefix + MetadataValidator.shorten(name),
            "is not a known field; allowed: " + String.join(", ", known));
      }
    }
  }
}

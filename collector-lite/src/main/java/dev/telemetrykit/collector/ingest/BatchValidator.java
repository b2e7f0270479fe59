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
 * <p>Two kinds of problem: one with the batch itself (its service fields, its {@code events} array,
 * too many events) refuses the whole request at the first problem, in document order, naming its
 * field; one with an event rejects that event alone, with a reason in fixed text, and the rest of the
 * batch goes on. Thread-safe: it holds only immutable configuration.
 *
 * <pre>{@code
 * BatchValidator validator = new BatchValidator(Clock.systemUTC(), Duration.ofDays(400));
 * Batch batch = validator.validate(JsonBody.parse(bytes)); // throws RequestRejectedException
 * batch.events();   // the valid events, to store
 * batch.rejected(); // the others, by index, with reasons
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
   * Validates a whole batch, and each of its events.
   *
   * @return the batch's valid events and the rejections of the others
   * @throws RequestRejectedException 400 naming the first invalid field of the batch itself, or 413
   *     for more than {@link Limits#MAX_EVENTS} events
   */
  public Batch validate(JsonNode body) {
    if (!body.isObject()) {
      throw RequestRejectedException.invalid(null, "body must be a JSON object");
    }
    rejectUnknownFields(body);
    String serviceName = requiredBatchText(body, "service_name", "service_name");
    if (!Identifiers.isServiceName(serviceName)) {
      throw RequestRejectedException.invalid("service_name",
          "must be 1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
    String serviceVersion = requiredBatchText(body, "service_version", "service_version");
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
    List<Event> valid = new ArrayList<>(events.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      try {
        valid.add(validateEvent(events.get(i), Field.event(i), now));
      } catch (InvalidEventException e) {
        rejected.add(e.rejection(i));
      }
    }
    return new Batch(serviceName, serviceVersion, valid, rejected);
  }

  private Event validateEvent(JsonNode event, Field at, long now) {
    if (!event.isObject()) {
      throw new InvalidEventException(at, "must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> property : event.properties()) {
      if (!EVENT_FIELDS.contains(property.getKey())) {
        throw new InvalidEventException(at.chosen(property.getKey(), "<field>"),
            "is not a known field; allowed: " + String.join(", ", EVENT_FIELDS));
      }
    }
    String eventId = requiredText(event, "event_id", at);
    if (!Identifiers.isUuid(eventId)) {
      throw new InvalidEventException(at.known("event_id"), "must be a canonical lowercase UUID");
    }
    String eventType = requiredText(event, "event_type", at);
    if (!Identifiers.isEventType(eventType)) {
      throw new InvalidEventException(at.known("event_type"),
          "must be 1 to 64 characters of a-z, 0-9, '_' or '.', starting with a letter");
    }
    long timestamp = timestamp(event, at.known("timestamp"), now);
    String userId = requiredText(event, "user_id", at);
    if (!Identifiers.isUserId(userId)) {
      throw new InvalidEventException(at.known("user_id"), "must be 64 lowercase hexadecimal characters");
    }
    String sessionId = requiredText(event, "session_id", at);
    if (!Identifiers.isUuid(sessionId)) {
      throw new InvalidEventException(at.known("session_id"), "must be a canonical lowercase UUID");
    }
    Field metadataField = at.known("metadata");
    JsonNode metadata = event.get("metadata");
    if (metadata == null || !metadata.isObject()) {
      throw new InvalidEventException(metadataField, "is required and must be a JSON object");
    }
    MetadataValidator.validate((ObjectNode) metadata, metadataField);
    EventTypeRules.check(eventType, (ObjectNode) metadata, metadataField);
    return new Event(eventId, eventType, timestamp, userId, sessionId, (ObjectNode) metadata);
  }

  private long timestamp(JsonNode event, Field field, long now) {
    JsonNode node = event.get("timestamp");
    if (node == null || node.isNull()) {
      throw new InvalidEventException(field, "is required");
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new InvalidEventException(field, "must be an integer: epoch milliseconds, UTC");
    }
    long timestamp = node.longValue();
    if (timestamp > now + Limits.MAX_CLOCK_AHEAD.toMillis()) {
      throw new InvalidEventException(field, "is more than 24 hours in the future");
    }
    if (timestamp < now - retention.toMillis()) {
      throw new InvalidEventException(field,
          "is older than the collector keeps events (" + retention.toDays() + " days)");
    }
    return timestamp;
  }

  private static String requiredText(JsonNode event, String name, Field at) {
    Field field = at.known(name);
    JsonNode node = event.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidEventException(field, "is required");
    }
    if (!node.isTextual()) {
      throw new InvalidEventException(field, "must be a string");
    }
    return node.textValue();
  }

  private static String requiredBatchText(JsonNode object, String name, String field) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      throw RequestRejectedException.invalid(field, "is required");
    }
    if (!node.isTextual()) {
      throw RequestRejectedException.invalid(field, "must be a string");
    }
    return node.textValue();
  }

  private static void rejectUnknownFields(JsonNode body) {
    for (Map.Entry<String, JsonNode> property : body.properties()) {
      String name = property.getKey();
      if (!BATCH_FIELDS.contains(name)) {
        throw RequestRejectedException.invalid(MetadataValidator.shorten(name),
            "is not a known field; allowed: " + String.join(", ", BATCH_FIELDS));
      }
    }
  }
}

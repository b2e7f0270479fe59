package dev.telemetrykit.collector.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One validated event.
 *
 * @param eventId the client-generated UUID, the dedupe key
 * @param eventType for example {@code command_executed}
 * @param timestamp epoch milliseconds, UTC
 * @param userId the SHA-256 hex user id
 * @param sessionId a UUID shared by the events of one run
 * @param metadata the validated metadata object; treated as read-only once validated
 */
public record Event(
    String eventId,
    String eventType,
    long timestamp,
    String userId,
    String sessionId,
    ObjectNode metadata) {}

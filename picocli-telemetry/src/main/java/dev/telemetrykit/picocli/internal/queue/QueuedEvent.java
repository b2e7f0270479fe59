package dev.telemetrykit.picocli.internal.queue;

/**
 * An event as the queue holds it.
 *
 * @param eventId the dedupe key
 * @param eventType e.g. {@code command_executed}
 * @param timestamp UTC epoch milliseconds
 * @param serviceVersion the tool version that recorded it (a batch carries one version)
 * @param body the event's wire JSON
 */
public record QueuedEvent(
    String eventId, String eventType, long timestamp, String serviceVersion, String body) {}

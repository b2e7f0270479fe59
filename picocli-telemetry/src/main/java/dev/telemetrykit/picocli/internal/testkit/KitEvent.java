package dev.telemetrykit.picocli.internal.testkit;

import java.util.Map;

/**
 * One event as recorded or received, for the test kit.
 *
 * @param tool the tool that recorded it (the batch's {@code service_name})
 * @param event the event's JSON object, as docs/protocol.md describes it
 */
public record KitEvent(String tool, Map<String, Object> event) {}

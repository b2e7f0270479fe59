package dev.telemetrykit.collector.ingest;

import java.util.List;

/**
 * A validated batch: what one {@code POST /events} request carries.
 *
 * @param serviceName the tool that sent it, for example {@code sample-cli}
 * @param serviceVersion the tool's version
 * @param events 1 to 100 events, in the order they were sent (duplicates included)
 */
public record Batch(String serviceName, String serviceVersion, List<Event> events) {
  public Batch {
    events = List.copyOf(events);
  }
}

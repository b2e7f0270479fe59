package dev.telemetrykit.collector.ingest;

import java.util.List;

/**
 * A validated batch: what one {@code POST /events} request carries.
 *
 * @param serviceName the tool that sent it, for example {@code sample-cli}
 * @param serviceVersion the tool's version
 * @param events the valid events, in the order they were sent (duplicates included): what is stored
 * @param rejected the events that break the protocol, by position; they are not stored
 */
public record Batch(String serviceName, String serviceVersion, List<Event> events, List<Rejection> rejected) {
  public Batch {
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  /** A batch in which every event is valid. */
  public Batch(String serviceName, String serviceVersion, List<Event> events) {
    this(serviceName, serviceVersion, events, List.of());
  }

  /** How many events the request carried, valid or not. */
  public int received() {
    return events.size() + rejected.size();
  }
}

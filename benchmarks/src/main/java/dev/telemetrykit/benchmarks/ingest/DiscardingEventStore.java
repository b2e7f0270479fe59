package dev.telemetrykit.benchmarks.ingest;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.storage.EventStore;
import java.time.LocalDate;
import java.util.concurrent.atomic.LongAdder;

/**
 * A store that keeps nothing: behind the real ingest routes it leaves what a request costs without
 * a database (HTTP, body, JSON, validation), the baseline the real stores are compared with.
 */
final class DiscardingEventStore implements EventStore {
  private final LongAdder events = new LongAdder();

  @Override
  public int store(Batch batch) {
    events.add(batch.events().size());
    return 0;
  }

  /** Events handed to {@link #store} so far. */
  long events() {
    return events.sum();
  }

  @Override
  public int deleteUser(String userId) {
    return 0;
  }

  @Override
  public int deleteDaysBefore(LocalDate firstKeptDay) {
    return 0;
  }

  @Override
  public String claimSetting(String name, String value) {
    return value;
  }

  @Override
  public Analytics analytics() {
    throw new UnsupportedOperationException("the parse-only endpoint keeps no events");
  }

  @Override
  public String description() {
    return "parse-only (discards every batch)";
  }

  @Override
  public void close() {}
}

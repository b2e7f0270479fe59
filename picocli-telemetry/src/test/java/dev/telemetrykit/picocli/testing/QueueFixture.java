package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalOutbox;
import dev.telemetrykit.picocli.internal.sync.Backoff;
import dev.telemetrykit.picocli.internal.sync.BatchSender;
import dev.telemetrykit.picocli.internal.sync.Flusher;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tool's data directory with events waiting to be sent, and a flusher for it. */
public final class QueueFixture {
  public final TelemetryConfig config;
  public final FixedTime time = new FixedTime(1_764_000_000_000L, 1_000L);
  private final List<String> ids = new ArrayList<>();

  public QueueFixture(Path home, String endpoint) {
    TelemetryAnnotation declared = new TelemetryAnnotation("shop-cli", "", endpoint, "", 1, 10_000, false, "telemetry", 3600, 100, 250);
    config = TelemetryConfig.from(declared, declared.name(), Map.of("TELEMETRY_KIT_HOME", home.toString()), home);
  }

  /** Writes {@code n} events to the journal, one file each. */
  public QueueFixture withEvents(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      withRun(1);
    }
    return this;
  }

  /** Writes one journal file of {@code n} events, as a run that recorded custom events leaves. */
  public QueueFixture withRun(int n) throws IOException {
    Journal journal = new Journal(config.journalDirectory().toFile());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long ts = time.epochMillis() - 60_000 + ids.size();
      String id = EventIds.newId(ts);
      ids.add(id);
      lines.add("{\"event_id\":\"" + id + "\",\"event_type\":\"command_executed\",\"timestamp\":" + ts
          + ",\"user_id\":\"" + "a".repeat(64) + "\",\"session_id\":\"" + id + "\",\"metadata\":{\"command\":\"build\","
          + "\"options\":[],\"duration_ms\":5,\"success\":true,\"exit_code\":0,\"version\":\"2.5.1\",\"os\":\"linux\","
          + "\"arch\":\"x86_64\",\"java_version\":\"17.0.15\",\"ci\":false,\"interactive\":false}}");
    }
    journal.append(ids.get(ids.size() - n), lines);
    return this;
  }

  public List<String> eventIds() {
    return ids;
  }

  /** A flusher with a short request timeout, a fixed jitter of 0.5 (no spread) and this fixture's clock. */
  public Flusher flusher() {
    BatchSender sender = new BatchSender(config.endpoint(), Duration.ofSeconds(1), Duration.ofSeconds(1));
    return new Flusher(config, sender, new Backoff(() -> 0.5), time, "test-owner-" + System.nanoTime());
  }

  public Flusher.Outcome flush() throws Exception {
    return flusher().flush(time.epochMillis() + 60_000, sent -> {});
  }

  /** One pass that sends straight from the journal, as a CLI that runs as PID 1 does: no SQLite. */
  public Flusher.Outcome flushJournal() throws Exception {
    JournalOutbox outbox = new JournalOutbox(new Journal(config.journalDirectory().toFile()), config.maxQueuedEvents());
    return flusher().flush(outbox, time.epochMillis() + 60_000, sent -> {});
  }

  /** The names of the journal's files, in order. */
  public List<String> journalFiles() {
    String[] names = config.journalDirectory().toFile().list();
    List<String> sorted = new ArrayList<>(names == null ? List.of() : List.of(names));
    sorted.sort(null);
    return sorted;
  }

  public int queued() throws Exception {
    try (EventQueue q = EventQueue.open(config.databaseFile())) {
      return q.size() + new Journal(config.journalDirectory().toFile()).size();
    }
  }

  public long counter(String name) throws Exception {
    try (EventQueue q = EventQueue.open(config.databaseFile())) {
      return q.counter(name);
    }
  }

  public SyncState syncState() {
    return SyncState.load(config.syncStateFile());
  }
}

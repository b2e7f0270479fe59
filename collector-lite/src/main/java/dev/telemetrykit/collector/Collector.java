package dev.telemetrykit.collector;

import dev.telemetrykit.collector.http.CollectorApp;
import dev.telemetrykit.collector.http.HealthRoutes;
import dev.telemetrykit.collector.http.IngestRoutes;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.storage.EventStore;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running collector: storage opened and migrated, HTTP server listening.
 *
 * <pre>{@code
 * try (Collector collector = Collector.start(new CollectorConfig(0, "127.0.0.1", "jdbc:sqlite:c.db", 400),
 *     Clock.systemUTC())) {
 *   URI events = collector.uri().resolve("/events");
 * }
 * }</pre>
 */
public final class Collector implements AutoCloseable {
  private final Javalin app;
  private final EventStore store;
  private final URI uri;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Collector(Javalin app, EventStore store, URI uri) {
    this.app = app;
    this.store = store;
    this.uri = uri;
  }

  /**
   * Opens storage and starts the HTTP server side by side; returns once both are ready.
   *
   * @param clock the clock event timestamps are judged against
   * @throws IllegalArgumentException for an unsupported database URL
   * @throws dev.telemetrykit.collector.storage.StorageException when the database cannot be opened
   * @throws io.javalin.util.JavalinException when the server cannot listen (e.g. port in use)
   */
  public static Collector start(CollectorConfig config, Clock clock) {
    PendingEventStore store = PendingEventStore.openInBackground(config.databaseUrl());
    BatchValidator validator = new BatchValidator(clock, Duration.ofDays(config.retentionDays()));
    Javalin app;
    try {
      // Ingest requests arriving before storage is open simply wait for it.
      app = CollectorApp.create(new HealthRoutes(), new IngestRoutes(store, validator))
          .start(config.bind(), config.port());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      store.await();
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
    return new Collector(app, store, uri(config.bind(), app.port()));
  }

  private static URI uri(String host, int port) {
    String literal = host.contains(":") ? "[" + host + "]" : host; // IPv6 addresses need brackets
    return URI.create("http://" + literal + ":" + port);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return uri;
  }

  /** The storage in use, e.g. {@code sqlite collector.db}. */
  public String storageDescription() {
    return store.description();
  }

  /** How many requests are being handled at this moment. */
  public long requestsInFlight() {
    return CollectorApp.requestsInFlight(app);
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to 10 seconds), then closes
   * storage. Safe to call more than once and from a shutdown hook.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        app.stop();
      } finally {
        store.close();
      }
    }
  }
}

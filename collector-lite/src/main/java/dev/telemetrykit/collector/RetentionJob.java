package dev.telemetrykit.collector;

import dev.telemetrykit.collector.storage.EventStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the events and rollups of days that fell out of retention: at start, then once a day, on
 * one daemon thread. Whole UTC days go: the first day kept is today minus the retention, which is
 * the oldest day ingest still accepts events for.
 */
final class RetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  /** How long {@link #close()} waits for a run in progress. */
  private static final long STOP_TIMEOUT_SECONDS = 10;

  private final EventStore store;
  private final Clock clock;
  private final int retentionDays;
  private final ScheduledExecutorService executor;

  private RetentionJob(EventStore store, Clock clock, int retentionDays, ScheduledExecutorService executor) {
    this.store = store;
    this.clock = clock;
    this.retentionDays = retentionDays;
    this.executor = executor;
  }

  /** Runs the job now on its own thread and every 24 hours after. */
  static RetentionJob start(EventStore store, Clock clock, int retentionDays) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "collector-retention");
      thread.setDaemon(true); // never keeps the JVM alive on its own
      return thread;
    });
    RetentionJob job = new RetentionJob(store, clock, retentionDays, executor);
    executor.scheduleAtFixedRate(job::runLogged, 0, 1, TimeUnit.DAYS);
    return job;
  }

  /** The first UTC day kept now. */
  LocalDate firstKeptDay() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
  }

  /** Deletes what is out of retention now; returns how many events went. */
  int runOnce() {
    LocalDate firstKept = firstKeptDay();
    int deleted = store.deleteDaysBefore(firstKept);
    if (deleted > 0) {
      LOG.info("retention: deleted {} events of days before {}", deleted, firstKept);
    }
    return deleted;
  }

  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the next day may find the database back.
      LOG.warn("retention: failed, will retry in a day: {}", e.getMessage());
    }
  }

  /** Stops the schedule and waits briefly for a run in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("retention: still running after {} s; closing storage anyway", STOP_TIMEOUT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

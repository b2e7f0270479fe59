package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.ToolSettings;
import dev.telemetrykit.picocli.internal.consent.ConsentStore;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The short-lived upload process a due run starts: {@code java -cp <the app's class path>
 * dev.telemetrykit.picocli.internal.sync.FlushMain <settings>}.
 *
 * <p>Why a process: a CLI cannot create its first HTTP client (~300 ms in a fresh JVM) and finish a
 * request within its 250 ms exit bound, so the upload runs beside it and outlives it. It never
 * lingers: a watchdog halts it after {@link #HARD_LIMIT_MILLIS} whatever the network does, and it
 * exits at once when another upload of the tool holds the flush lock. It prints nothing.
 */
public final class FlushMain {
  /** No upload process lives longer than this. */
  public static final long HARD_LIMIT_MILLIS = 30_000L;
  /** Leaves time to close the queue before the watchdog. */
  static final long WORK_MILLIS = 25_000L;

  private FlushMain() {}

  /** The arguments that carry a tool's settings to the upload process. */
  public static List<String> arguments(ToolSettings s) {
    return List.of(s.name(), s.endpoint(), Integer.toString(s.policyVersion()), Integer.toString(s.maxQueuedEvents()),
        Long.toString(s.flushIntervalSeconds()), Integer.toString(s.flushAtEvents()));
  }

  public static void main(String[] args) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(HARD_LIMIT_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(3);
    }, "telemetry-kit-flush-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      run(args);
    } catch (Throwable ignored) {
      // Nothing to tell and no one to tell it to: the queue keeps the events for the next try.
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    ToolSettings settings = new ToolSettings(args[0], args[1], "", Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), false, Long.parseLong(args[4]), Integer.parseInt(args[5]), 0);
    TelemetryConfig config =
        TelemetryConfig.from(settings, System.getenv(), Path.of(System.getProperty("user.home", ".")));
    if (config.debug() || !EffectiveConsent.resolve(config, new ConsentStore(config.stateFile())).granted()) {
      UploadClaim.release(config.uploadClaimFile().toFile());
      return; // the user may have said no since the run that started us
    }
    try (FlushLock lock = FlushLock.acquire(config.flushLockFile(), 0)) {
      if (lock == null) {
        return; // another upload of this tool is under way, and will end the claim
      }
      try {
        upload(config);
      } finally {
        UploadClaim.release(config.uploadClaimFile().toFile());
      }
    }
  }

  private static void upload(TelemetryConfig config) throws Exception {
    TimeSource time = TimeSource.SYSTEM;
    // The run that started us read the schedule when it started. An upload that failed since
    // (while that run's command ran) may have set a backoff: honour it, or every run that
    // overlapped a failing upload would send once more.
    if (time.epochMillis() < SyncState.load(config.syncStateFile()).nextAttempt()) {
      return;
    }
    Flusher flusher = new Flusher(config, sender(config), new Backoff(() -> ThreadLocalRandom.current().nextDouble()),
        time, EventIds.newId(time.epochMillis()));
    flusher.flush(time.epochMillis() + WORK_MILLIS, sent -> {});
  }

  static BatchSender sender(TelemetryConfig config) {
    return new BatchSender(config.endpoint(), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}

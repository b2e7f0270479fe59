package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The short-lived upload process a due run starts: {@code java -cp <the app's class path>
 * dev.telemetrykit.picocli.internal.sync.FlushMain <settings>}, or the app itself started again
 * with {@link #MARKER} set, whose first call of {@code Telemetry} comes here ({@link #runMarked}).
 * {@link UploadLaunch} decides which.
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

  /**
   * Set in the environment of an app started again to upload ({@link UploadLaunch.Form#RELAUNCH}):
   * {@code Telemetry.execute}, {@code install} and {@code start} look for it first and come here
   * instead of running the app. Its value is {@link #marker}.
   */
  public static final String MARKER = "TELEMETRY_KIT_UPLOAD";

  private FlushMain() {}

  /**
   * The value of {@link #MARKER}: the {@link #arguments}, then the system properties the upload
   * needs as {@code name=value}, one a line.
   */
  static String marker(List<String> arguments, Map<String, String> properties) {
    StringBuilder value = new StringBuilder(String.join("\n", arguments));
    for (Map.Entry<String, String> p : properties.entrySet()) {
      if (p.getValue().indexOf('\n') < 0) {
        value.append('\n').append(p.getKey()).append('=').append(p.getValue());
      }
    }
    return value.toString();
  }

  /**
   * The app was started again to upload: uploads and exits, so that the app never runs. Returns
   * only when {@code marker} is not one of ours (the app then runs as if it were not set).
   */
  public static void runMarked(String marker) {
    String[] lines = marker.split("\n", -1);
    if (lines.length < ARGUMENTS) {
      return;
    }
    String[] args = Arrays.copyOf(lines, ARGUMENTS);
    try {
      Integer.parseInt(args[2]);
      Integer.parseInt(args[3]);
      Long.parseLong(args[4]);
      Integer.parseInt(args[5]);
    } catch (NumberFormatException e) {
      return;
    }
    for (int i = ARGUMENTS; i < lines.length; i++) {
      int eq = lines[i].indexOf('=');
      if (eq > 0) {
        // Before anything reads them: SQLite's temp dir, the trust store, the proxy.
        System.setProperty(lines[i].substring(0, eq), lines[i].substring(eq + 1));
      }
    }
    main(args);
  }

  private static final int ARGUMENTS = 8;

  /**
   * The arguments that carry a tool's settings to the upload process, which inherits the
   * environment and applies it again to the same effect.
   */
  public static List<String> arguments(TelemetryConfig c) {
    return List.of(c.toolName(), c.endpoint(), Integer.toString(c.policyVersion()), Integer.toString(c.maxQueuedEvents()),
        Long.toString(c.flushIntervalSeconds()), Integer.toString(c.flushAtEvents()), c.consentGroup(), c.ingestKey());
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
    TelemetryAnnotation declared = new TelemetryAnnotation(args[0], "", args[1], "", Integer.parseInt(args[2]),
        Integer.parseInt(args[3]), false, "", Long.parseLong(args[4]), Integer.parseInt(args[5]), 0,
        args.length > 6 ? args[6] : "", args.length > 7 ? args[7] : "", false); // the group decides whether this may send
    TelemetryConfig config = TelemetryConfig.from(declared, declared.name(), HostEnvironment.system());
    UploadStart.started(config);
    if (config.debug() || config.endpointProblem() != null || !EffectiveConsent.resolve(config).granted()) {
      UploadClaim.release(config.uploadClaimFile().toFile());
      return; // the user may have said no since the run that started us
    }
    try (FlushLock lock = FlushLock.acquire(config.flushLockFile(), 0)) {
      if (lock == null) {
        return; // another upload of this tool is under way, and will end the claim
      }
      long deadline = System.currentTimeMillis() + WORK_MILLIS;
      uploadWhileRecorded(config.uploadClaimFile().toFile(), new Journal(config.journalDirectory().toFile()), deadline,
          () -> upload(config, deadline));
    }
  }

  /** One upload: false when it did not send, because a backoff holds uploads back. */
  interface Pass {
    boolean upload() throws Exception;
  }

  /**
   * Runs {@code pass} and ends the claim; then, while runs have recorded in the meantime and there
   * is time left, claims again and runs another pass.
   *
   * <p>A due run that records while a pass is ending finds the claim and starts no upload, so its
   * event would wait in the journal for the next due run. Such a run writes its event before it
   * looks for the claim, so once the claim is gone its event is in the journal: looking there
   * after ending the claim, not before, leaves no run behind.
   */
  static void uploadWhileRecorded(File claim, Journal journal, long deadline, Pass pass) throws Exception {
    while (true) {
      boolean uploaded;
      try {
        uploaded = pass.upload();
      } finally {
        UploadClaim.release(claim);
      }
      if (!uploaded || journal.size() == 0 || System.currentTimeMillis() >= deadline) {
        return;
      }
      UploadClaim.renew(claim, System.currentTimeMillis());
    }
  }

  private static boolean upload(TelemetryConfig config, long deadline) throws Exception {
    TimeSource time = TimeSource.SYSTEM;
    // The run that started us read the schedule when it started. An upload that failed since
    // (while that run's command ran) may have set a backoff: honour it, or every run that
    // overlapped a failing upload would send once more.
    if (time.epochMillis() < SyncState.load(config.syncStateFile()).nextAttempt()) {
      return false;
    }
    Flusher flusher = new Flusher(config, sender(config), new Backoff(() -> ThreadLocalRandom.current().nextDouble()),
        time, EventIds.newId(time.epochMillis()));
    flusher.flush(deadline, sent -> {});
    return true;
  }

  static BatchSender sender(TelemetryConfig config) {
    return BatchSender.of(config);
  }
}

package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalOutbox;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The upload of a due run in a container's PID 1, on a daemon thread of the CLI's own JVM.
 *
 * <p>Every process in a PID namespace is killed when its PID 1 exits, so an upload process started
 * by the CLI there would die with it. The upload starts with the command instead, so that the
 * HTTP client's ~300 ms set-up overlaps the command, and it sends straight from the journal
 * ({@link JournalOutbox}): loading SQLite would cost another ~300 ms of CPU beside the command,
 * which a short command does not leave, and on Java 24+ without native access it would print the
 * JDK's warning into the CLI's stderr. Events from earlier runs leave while the command runs; once
 * the command has ended and its event is written, a second pass sends that event, and the end of
 * the run waits for it at most {@code exitWaitMillis}. A journal file is deleted only once the
 * collector accepted its events, so whatever is not sent by then stays for the next due run. The
 * thread is a daemon: it never keeps the JVM alive, and the JVM's exit ends it wherever it is.
 *
 * <p>Events already in the SQLite queue (left by a {@code telemetry flush} that failed, or by an
 * upload process before the CLI ran as PID 1) are sent through the queue, and only where that
 * costs the run nothing: where SQLite may be loaded without the warning, and while the command
 * still runs after the journal's events have left. Otherwise they wait for {@code telemetry
 * flush}, and {@code telemetry status} counts them.
 */
final class InProcessUpload implements Runnable, Flusher.Progress, DoubleSupplier {
  /** What {@code telemetry status} shows as the last error of an upload the program's exit cut off. */
  static final String CUT_OFF = "the upload inside the program (it runs as PID 1) did not finish before the program exited";

  private final TelemetryConfig config;
  private final Diagnostics diagnostics;
  private final boolean mayLoadSqlite;
  private final long deadline;
  private final CountDownLatch commandEnded = new CountDownLatch(1);
  /** The upload's thread and every thread its HTTP client starts: they inherit the group. */
  private final ThreadGroup threads = new ThreadGroup("telemetry-kit-upload");
  private Thread thread;

  private InProcessUpload(TelemetryConfig config, Diagnostics diagnostics, boolean mayLoadSqlite, long deadline) {
    this.config = config;
    this.diagnostics = diagnostics;
    this.mayLoadSqlite = mayLoadSqlite;
    this.deadline = deadline;
  }

  /**
   * Starts the upload now, beside the command.
   *
   * @param mayLoadSqlite whether SQLite may be loaded in this JVM (it prints no warning here), to
   *     send the events already in the queue
   */
  static InProcessUpload start(TelemetryConfig config, Diagnostics diagnostics, boolean mayLoadSqlite) {
    InProcessUpload upload = new InProcessUpload(
        config, diagnostics, mayLoadSqlite, System.currentTimeMillis() + FlushMain.WORK_MILLIS);
    upload.thread = new Thread(upload.threads, upload, "telemetry-kit-upload");
    upload.thread.setDaemon(true);
    upload.thread.setPriority(Thread.MIN_PRIORITY); // the command comes first
    upload.thread.start();
    return upload;
  }

  /** The command has ended and its event is written: waits at most {@code millis} for the upload. */
  void finish(long millis) {
    commandEnded.countDown();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void accepted(int eventsSoFar) {
    // No one to tell: the CLI's output is the app's.
  }

  /** The backoff's spread. (Neither is a lambda: the first one costs this JVM ~5 ms.) */
  @Override
  public double getAsDouble() {
    return ThreadLocalRandom.current().nextDouble();
  }

  @Override
  public void run() {
    try (FlushLock lock = FlushLock.acquire(config.flushLockFile(), 0)) {
      if (lock == null) {
        return; // another process of the tool uploads (in the container, a `docker exec` run's)
      }
      TimeSource time = TimeSource.SYSTEM;
      SyncState before = SyncState.load(config.syncStateFile());
      long now = time.epochMillis();
      if (now < before.nextAttempt()) {
        return;
      }
      // Counted as a failed attempt until it ends: when the program exits first, the next due runs
      // wait 1 min, 2, 4… up to 24 h instead of each paying for an upload that cannot finish in
      // them either. The upload's own outcome replaces this.
      Backoff backoff = new Backoff(this);
      new SyncState(before.lastSuccess(), now, now + backoff.delayMillis(before.failures() + 1, -1),
          before.failures() + 1, CUT_OFF).save(config.syncStateFile());
      // The HTTP client's set-up (~300 ms: the default SSLContext, even for http) on a thread of its
      // own, while this one reads the journal.
      ClientSetUp client = new ClientSetUp(config);
      Thread setUp = new Thread(threads, client, "telemetry-kit-upload-client");
      setUp.setDaemon(true);
      setUp.start();
      Journal journal = new Journal(config.journalDirectory().toFile());
      JournalOutbox outbox = new JournalOutbox(journal, config.maxQueuedEvents());
      setUp.join(Math.max(1, deadline - time.epochMillis()));
      if (client.sender == null) {
        return;
      }
      Flusher flusher = new Flusher(config, client.sender, backoff, time, EventIds.newId(time.epochMillis()));
      Flusher.Outcome earlier = flusher.flush(outbox, deadline, this);
      if (earlier.retryLater()) {
        return; // the collector is away: the backoff is set
      }
      if (earlier.batches() == 0) {
        before.checked(time.epochMillis()).save(config.syncStateFile()); // nothing to send: not a failure
      }
      if (mayLoadSqlite && commandEnded.getCount() > 0 && hasQueue()) {
        // Moves in, and sends with the queue, the command's event if it ends meanwhile.
        if (flusher.flush(deadline, this).retryLater()) {
          return;
        }
      }
      long left = deadline - time.epochMillis();
      if (left > 0 && commandEnded.await(left, TimeUnit.MILLISECONDS) && journal.size() > 0) {
        flusher.flush(outbox, deadline, this); // the command's own event, with a warm client
      }
    } catch (Exception e) {
      diagnostics.failed("uploading", e);
    } finally {
      stopClient();
    }
  }

  /**
   * Ends the HTTP client's threads once the upload is over. Its selector thread waits in native
   * code, and a JVM that exits waits up to 300 ms for its threads in native code to leave it
   * (HotSpot's {@code VM_Exit}): a due run in PID 1 exited ~330 ms after its upload had ended.
   * Interrupted, the selector thread closes the client's connections and ends (Java 17 to 25; the
   * client's {@code shutdownNow} is Java 21+ only). The client is used by this upload alone.
   */
  private void stopClient() {
    Thread[] all = new Thread[threads.activeCount() + 8];
    int n = threads.enumerate(all);
    for (int i = 0; i < n; i++) {
      if (all[i] != Thread.currentThread()) {
        all[i].interrupt();
      }
    }
  }

  /** Whether the SQLite queue may hold events: its file exists and is not empty (not opened to count). */
  private boolean hasQueue() {
    File db = config.databaseFile().toFile();
    return db.length() > 0;
  }

  /** Makes the upload's HTTP client. */
  private static final class ClientSetUp implements Runnable {
    private final TelemetryConfig config;
    volatile BatchSender sender;

    ClientSetUp(TelemetryConfig config) {
      this.config = config;
    }

    @Override
    public void run() {
      sender = FlushMain.sender(config);
    }
  }
}

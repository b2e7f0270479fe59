package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The upload of a due run in a container's PID 1, on a daemon thread of the CLI's own JVM.
 *
 * <p>Every process in a PID namespace is killed when its PID 1 exits, so an upload process started
 * by the CLI there would die with it. The upload starts with the command instead, so that the
 * HTTP client's ~300 ms set-up and the events already queued overlap the command; once the command
 * has ended and its event is written, a second pass sends that event, and the end of the run waits
 * for it at most {@code exitWaitMillis}. Whatever is not sent by then stays queued (rows leave the
 * queue only after the collector accepted them) for the next due run. The thread is a daemon: it
 * never keeps the JVM alive, and the JVM's exit ends it wherever it is.
 */
final class InProcessUpload implements Runnable, Flusher.Progress, DoubleSupplier {
  /** What {@code telemetry status} shows as the last error of an upload the program's exit cut off. */
  static final String CUT_OFF = "the upload inside the program (it runs as PID 1) did not finish before the program exited";

  private final TelemetryConfig config;
  private final Diagnostics diagnostics;
  private final long deadline;
  private final CountDownLatch commandEnded = new CountDownLatch(1);
  private Thread thread;

  private InProcessUpload(TelemetryConfig config, Diagnostics diagnostics, long deadline) {
    this.config = config;
    this.diagnostics = diagnostics;
    this.deadline = deadline;
  }

  static InProcessUpload start(TelemetryConfig config, Diagnostics diagnostics) {
    InProcessUpload upload = new InProcessUpload(config, diagnostics, System.currentTimeMillis() + FlushMain.WORK_MILLIS);
    upload.thread = new Thread(upload, "telemetry-kit-upload");
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
      // Counted as a failed attempt until it ends: when the program exits first (a short command),
      // the next due runs wait 1 min, 2, 4… up to 24 h instead of each paying for an upload that
      // cannot finish in it either. The flush's own outcome replaces this.
      Backoff backoff = new Backoff(this);
      new SyncState(before.lastSuccess(), now, now + backoff.delayMillis(before.failures() + 1, -1),
          before.failures() + 1, CUT_OFF).save(config.syncStateFile());
      // The HTTP client's set-up (~300 ms: the default SSLContext, even for http) on a thread of its
      // own, while this one loads SQLite and moves the journal into the queue: the command is short.
      ClientSetUp client = new ClientSetUp(config);
      Thread setUp = new Thread(client, "telemetry-kit-upload-client");
      setUp.setDaemon(true);
      setUp.start();
      Journal journal = new Journal(config.journalDirectory().toFile());
      try (EventQueue queue = JournalImporter.openWithJournal(
          config.databaseFile(), journal, config.maxQueuedEvents(), time.epochMillis())) {
        // open and filled: the flush below finds it ready
      } catch (SQLException | IOException e) {
        // The flush meets it again, and records it as a failed upload.
      }
      setUp.join(Math.max(1, deadline - time.epochMillis()));
      if (client.sender == null) {
        return;
      }
      Flusher flusher = new Flusher(config, client.sender, backoff, time, EventIds.newId(time.epochMillis()));
      Flusher.Outcome first = flusher.flush(deadline, this);
      if (first.retryLater()) {
        return; // the collector is away: the backoff is set
      }
      if (first.batches() == 0) {
        before.checked(time.epochMillis()).save(config.syncStateFile()); // nothing to send: not a failure
      }
      long left = deadline - time.epochMillis();
      if (left > 0 && commandEnded.await(left, TimeUnit.MILLISECONDS)
          && journal.size() > 0) {
        flusher.flush(deadline, this); // the command's own event, with a warm client
      }
    } catch (Exception e) {
      diagnostics.failed("uploading", e);
    }
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

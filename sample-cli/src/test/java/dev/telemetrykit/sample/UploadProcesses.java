package dev.telemetrykit.sample;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The detached upload processes ({@code FlushMain}) the CLI started for one data directory. Tests
 * wait for them to end before they read the queue, and kill them to test a kill while flushing.
 *
 * <p>They are told apart by their environment ({@code /proc/<pid>/environ}), not their arguments:
 * the arguments carry the endpoint of the annotation, and {@code TELEMETRY_KIT_ENDPOINT} replaces it
 * in the upload process as in the CLI, so every test's upload has the same arguments.
 */
record UploadProcesses(Path home) {
  private static final String MAIN = "dev.telemetrykit.picocli.internal.sync.FlushMain";

  List<ProcessHandle> running() {
    String marker = "TELEMETRY_KIT_HOME=" + home + "\0";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(MAIN + " sample-cli "))
        .filter(p -> environment(p).contains(marker))
        .toList();
  }

  /**
   * Waits until an upload has tried since {@code before} ({@code last_attempt} moved on in the
   * sync file) and no upload process is left.
   */
  void awaitAttemptAfter(SyncFile before) {
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
        .until(() -> SyncFile.read(home).lastAttempt() > before.lastAttempt());
    awaitNone();
  }

  /** Waits until none is left; each ends within FlushMain's 30 s hard limit. */
  void awaitNone() {
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100)).until(() -> running().isEmpty());
  }

  /** Starts counting this directory's upload processes, over and over, until closed. */
  Census census() {
    Census census = new Census(this);
    census.start();
    return census;
  }

  /**
   * Counts the upload processes alive, as often as it can, on a thread of its own: an upload
   * process that only finds the flush lock taken lives a few hundred milliseconds, and a count
   * now and then would miss it.
   */
  static final class Census extends Thread implements AutoCloseable {
    private final UploadProcesses uploads;
    private volatile boolean done;
    private volatile int most;

    private Census(UploadProcesses uploads) {
      super("upload-census");
      this.uploads = uploads;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!done) {
        most = Math.max(most, uploads.running().size());
      }
    }

    /** The most upload processes counted at once so far, counting on for another 500 ms first. */
    int mostAtOnce() throws InterruptedException {
      Thread.sleep(500); // an upload process started by the last run is still starting
      return most;
    }

    @Override
    public void close() throws InterruptedException {
      done = true;
      join();
    }
  }

  /** The session id of a process: field 6 of {@code /proc/<pid>/stat}, after the command in parentheses. */
  static long session(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]); // state, ppid, pgrp, session
  }

  private static String environment(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")), StandardCharsets.UTF_8)
          + "\0";
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }
}

package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.ToolSettings;
import dev.telemetrykit.picocli.internal.queue.Journal;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the upload process when an upload is due, on a daemon thread while the command runs; the
 * command's end waits for that start at most {@code exitWaitMillis}. Runs that are not due read
 * one small file and list the journal, nothing more.
 */
public final class FlushLauncher implements Runnable {
  private final List<String> command;
  private final Diagnostics diagnostics;
  private Thread thread;

  private FlushLauncher(List<String> command, Diagnostics diagnostics) {
    this.command = command;
    this.diagnostics = diagnostics;
  }

  /** Starts an upload if one is due; returns the launcher to wait for, or null. */
  public static FlushLauncher startIfDue(TelemetryConfig config, ToolSettings settings, long now, Diagnostics diagnostics) {
    int waiting = new Journal(config.journalDirectory().toFile()).size();
    if (!isDue(config, SyncState.load(config.syncStateFile()), waiting, now)) {
      return null;
    }
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    // A client JIT and shared classes: the upload is short, and the machine is the user's.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FlushMain.class.getName());
    command.addAll(FlushMain.arguments(settings));
    FlushLauncher launcher = new FlushLauncher(command, diagnostics);
    Thread thread = new Thread(launcher, "telemetry-kit-flush-launcher");
    thread.setDaemon(true); // never keeps the host CLI alive
    launcher.thread = thread;
    thread.start();
    return launcher;
  }

  /**
   * Whether a run starting at {@code now} should start an upload: never during backoff; else when
   * enough events wait, or the interval since the last success has passed.
   *
   * @param waiting events known to wait (the journal's count; the queue is not opened to count)
   */
  public static boolean isDue(TelemetryConfig config, SyncState state, int waiting, long now) {
    if (now < state.nextAttempt()) {
      return false;
    }
    return waiting >= config.flushAtEvents()
        || now - state.lastSuccess() >= config.flushIntervalSeconds() * 1000L;
  }

  @Override
  public void run() {
    try {
      new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException | RuntimeException e) {
      diagnostics.failed("starting the upload process", e);
    }
  }

  /** Waits at most {@code millis} for the upload process to be started. */
  public void awaitStart(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

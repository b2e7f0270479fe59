package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the upload process of a due run once its command has ended, on a daemon thread that the
 * run waits for at most {@code exitWaitMillis} (starting a process takes ~25 ms).
 *
 * <p>Why at the end and not while the command runs: a JVM starting up takes most of two cores for
 * a few hundred milliseconds, and on a 2-core machine that slowed the command itself by ~370 ms
 * (docs/sync.md). Started at the end, at low priority where {@code nice} exists, the upload
 * competes with nothing of the user's. Runs that are not due read one small file and list the
 * journal, nothing more.
 */
public final class FlushLauncher implements Runnable {
  private static final String NICE = "/usr/bin/nice";
  private static final String SETSID = "/usr/bin/setsid";
  private static final String SHELL = "/bin/sh";

  private final List<String> command;
  private final boolean detaching;
  private final File claim;
  private final Diagnostics diagnostics;

  private FlushLauncher(List<String> command, boolean detaching, File claim, Diagnostics diagnostics) {
    this.command = command;
    this.detaching = detaching;
    this.claim = claim;
    this.diagnostics = diagnostics;
  }

  /**
   * A launcher for an upload of {@code config}'s tool. Starts nothing yet. Made only for a run
   * that {@link SyncState#uploadDue} says is due, so that other runs do not load this class.
   */
  public static FlushLauncher create(TelemetryConfig config, Diagnostics diagnostics) {
    List<String> command = new ArrayList<>();
    boolean detaching = new File(SHELL).canExecute();
    if (detaching) {
      // Detach through a shell that starts the upload in the background and exits at once: while
      // a child of ours is alive, the JVM's exit waits ~300 ms for the thread that reaps it
      // (blocked in native waitpid). With the shell gone, the CLI exits as if nothing happened.
      command.add(SHELL);
      command.add("-c");
      command.add("\"$@\" </dev/null >/dev/null 2>&1 &");
      command.add("telemetry-kit-upload");
    }
    if (new File(SETSID).canExecute()) {
      command.add(SETSID); // its own session: closing the terminal does not hang it up
    }
    if (new File(NICE).canExecute()) {
      command.add(NICE); // background work: the user's next command comes first
    }
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    // A short job on the user's machine: the quick JIT, one GC thread, shared classes.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FlushMain.class.getName());
    command.addAll(FlushMain.arguments(config));
    return new FlushLauncher(command, detaching, config.uploadClaimFile().toFile(), diagnostics);
  }

  @Override
  public void run() {
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (detaching) {
        process.waitFor(); // the shell exits within milliseconds, leaving the upload running
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.failed("starting the upload process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts the upload process, waiting at most {@code millis} for it to be under way; starts none
   * when another run started one moments ago ({@link UploadClaim}).
   */
  public void launch(long millis) {
    if (!UploadClaim.take(claim, System.currentTimeMillis())) {
      return;
    }
    Thread thread = new Thread(this, "telemetry-kit-flush-launcher");
    thread.setDaemon(true); // never keeps the host CLI alive
    thread.start();
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

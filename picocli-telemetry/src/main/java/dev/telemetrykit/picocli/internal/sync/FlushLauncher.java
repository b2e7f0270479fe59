package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the upload of a due run, in the form {@link UploadLaunch} chose: a process once the
 * command has ended, on a daemon thread that the run waits for at most {@code exitWaitMillis}
 * (starting a process takes ~25 ms); or, in a container's PID 1, an upload on a daemon thread of
 * this JVM that starts at once and that the end of the command waits for just as long.
 *
 * <p>Why at the end and not while the command runs: a JVM starting up takes most of two cores for
 * a few hundred milliseconds, and on a 2-core machine that slowed the command itself by ~370 ms
 * (docs/sync.md). Started at the end, at low priority where {@code nice} exists, the upload
 * competes with nothing of the user's. Runs that are not due read one small file and list the
 * journal, nothing more: they never load this class.
 */
public final class FlushLauncher implements Runnable {
  private final TelemetryConfig config;
  private final HostEnvironment host;
  /** In PID 1 with the in-process form: whether SQLite may be loaded here; null elsewhere. */
  private final Boolean inProcessMayLoadSqlite;
  private InProcessUpload inProcess;
  private final Diagnostics diagnostics;
  private UploadLaunch launch;

  private FlushLauncher(TelemetryConfig config, HostEnvironment host, Boolean inProcessMayLoadSqlite, Diagnostics diagnostics) {
    this.config = config;
    this.host = host;
    this.inProcessMayLoadSqlite = inProcessMayLoadSqlite;
    this.diagnostics = diagnostics;
  }

  /**
   * A launcher for an upload of {@code config}'s tool. Made only for a run that {@link
   * SyncState#uploadDue} says is due, so that other runs do not load this class. Starts nothing
   * yet; in PID 1, where the upload's process could not outlive ours, the upload starts in this
   * JVM once the app's command starts ({@link #besideCommand}).
   */
  public static FlushLauncher create(TelemetryConfig config, HostEnvironment host, Diagnostics diagnostics) {
    Boolean inProcessMayLoadSqlite = null;
    if (LaunchFacts.pid1()) {
      LaunchFacts facts = LaunchFacts.current(host);
      if (decide(facts, config).form() == UploadLaunch.Form.IN_PROCESS) {
        inProcessMayLoadSqlite = !facts.nativeAccessRestricted();
      }
    }
    return new FlushLauncher(config, host, inProcessMayLoadSqlite, diagnostics);
  }

  /**
   * The app's command is about to run. In PID 1, starts the upload beside it, so that the HTTP
   * client's set-up overlaps the command. Runs that end before a command (usage errors, the
   * management command) start none there: they would hold the flush lock and leave an upload cut
   * off by the exit.
   */
  public void besideCommand() {
    if (inProcessMayLoadSqlite != null && inProcess == null) {
      inProcess = InProcessUpload.start(config, diagnostics, inProcessMayLoadSqlite);
    }
  }

  private static UploadLaunch decide(TelemetryConfig config, HostEnvironment host) {
    return decide(LaunchFacts.current(host), config);
  }

  private static UploadLaunch decide(LaunchFacts facts, TelemetryConfig config) {
    return UploadLaunch.decide(facts, FlushMain.arguments(config), config.home(), UploadStart.errorFile(config));
  }

  @Override
  public void run() {
    try {
      List<String> command = new ArrayList<>(launch.command());
      if (!launch.argFile().isEmpty()) {
        Path argFile = UploadStart.argFile(config);
        UploadStart.writeOwnerOnly(argFile, UploadLaunch.argFileText(launch.argFile()));
        command.set(command.indexOf(UploadLaunch.ARG_FILE_PLACEHOLDER), "@" + argFile);
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().clear();
      builder.environment().putAll(launch.environment());
      if (launch.detached()) {
        builder.redirectError(ProcessBuilder.Redirect.DISCARD); // the shell sends the upload's to the file
      } else {
        Path errors = UploadStart.errorFile(config);
        UploadStart.writeOwnerOnly(errors, "");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
      }
      Process process = builder.start();
      process.getOutputStream().close();
      if (launch.detached()) {
        process.waitFor(); // the shell exits within milliseconds, leaving the upload running
      }
    } catch (IOException | RuntimeException e) {
      UploadStart.failed(config, e.getMessage() != null ? e.getMessage() : e.toString());
      diagnostics.failed("starting the upload process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The command has ended and its event is written: starts the upload process, waiting at most
   * {@code millis} for it to be under way, and none when another run started one moments ago
   * ({@link UploadClaim}). In PID 1, lets the upload under way send that event too, and waits for
   * it as long.
   */
  public void launch(long millis) {
    if (inProcess != null) {
      inProcess.finish(millis);
      return;
    }
    if (inProcessMayLoadSqlite != null) {
      return; // PID 1, and no command ran: the next run that runs one uploads
    }
    if (!UploadClaim.take(config.uploadClaimFile().toFile(), System.currentTimeMillis())) {
      return;
    }
    // Decided only now, by the one run of a burst that starts the upload: the others pay nothing.
    launch = decide(config, host);
    if (launch.form() == UploadLaunch.Form.NONE) {
      UploadStart.failed(config, launch.problem()); // the claim stays unmarked: status says why
      return;
    }
    if (launch.form() == UploadLaunch.Form.IN_PROCESS) {
      UploadClaim.release(config.uploadClaimFile().toFile()); // PID 1 seen only now: next run
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

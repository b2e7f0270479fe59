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
  private final InProcessUpload inProcess;
  private final Diagnostics diagnostics;
  private UploadLaunch launch;

  private FlushLauncher(TelemetryConfig config, HostEnvironment host, InProcessUpload inProcess, Diagnostics diagnostics) {
    this.config = config;
    this.host = host;
    this.inProcess = inProcess;
    this.diagnostics = diagnostics;
  }

  /**
   * A launcher for an upload of {@code config}'s tool. Made only for a run that {@link
   * SyncState#uploadDue} says is due, so that other runs do not load this class. Starts nothing
   * yet, except in PID 1, where the upload starts now, beside the command: its process could not
   * outlive ours.
   */
  public static FlushLauncher create(TelemetryConfig config, HostEnvironment host, Diagnostics diagnostics) {
    InProcessUpload inProcess = null;
    if (LaunchFacts.pid1()) {
      LaunchFacts facts = LaunchFacts.current(host);
      if (decide(facts, config).form() == UploadLaunch.Form.IN_PROCESS) {
        inProcess = InProcessUpload.start(config, diagnostics, !facts.nativeAccessRestricted());
      }
    }
    return new FlushLauncher(config, host, inProcess, diagnostics);
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

package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.ToolSettings;
import dev.telemetrykit.picocli.internal.consent.ConsentResolver;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.ConsentStore;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.sync.FlushLauncher;

/**
 * What one run does about telemetry, decided from the user's answer and the upload schedule: the
 * recorder (when the run records), the consent asker (when the user is to be asked), and the upload
 * to start at the end (when one is due).
 *
 * <p>Deciding reads two small files and loads about twenty classes: ~5 ms of a cold JVM. {@code
 * Telemetry.execute} has it done on a short-lived daemon thread while Picocli builds its model of
 * the app, which takes several times longer, so the run rarely waits for it (docs/benchmarks.md).
 * A plan that is not ready within {@link #WAIT_MILLIS} is given up: that run records nothing
 * rather than slow the command.
 */
public final class RunPlan implements Runnable {
  /** How long a run waits for a plan decided in the background. */
  public static final long WAIT_MILLIS = 500;

  private final TelemetryConfig config;
  private final ToolSettings settings;
  private final VersionSource version;
  private final HostEnvironment host;
  private final Diagnostics diagnostics;
  private Thread thread;

  // Written by the deciding thread before `decided`, read by others only after it is true.
  private Recorder recorder;
  private ConsentAsker asker;
  private FlushLauncher upload;
  private volatile boolean decided;

  private RunPlan(
      TelemetryConfig config, ToolSettings settings, VersionSource version, HostEnvironment host,
      Diagnostics diagnostics) {
    this.config = config;
    this.settings = settings;
    this.version = version;
    this.host = host;
    this.diagnostics = diagnostics;
  }

  /** Decides on the calling thread. */
  public static RunPlan decide(
      TelemetryConfig config, ToolSettings settings, VersionSource version, HostEnvironment host,
      Diagnostics diagnostics) {
    RunPlan plan = new RunPlan(config, settings, version, host, diagnostics);
    plan.run();
    return plan;
  }

  /** Starts deciding on a daemon thread; {@link #await} waits for the outcome. */
  public static RunPlan decideInBackground(
      TelemetryConfig config, ToolSettings settings, VersionSource version, HostEnvironment host,
      Diagnostics diagnostics) {
    RunPlan plan = new RunPlan(config, settings, version, host, diagnostics);
    Thread thread = new Thread(plan, "telemetry-kit-start");
    thread.setDaemon(true); // never keeps the host CLI alive
    plan.thread = thread;
    thread.start();
    return plan;
  }

  @Override
  public void run() {
    try {
      EffectiveConsent consent = ConsentResolver.resolve(config, new ConsentStore(config.stateFile()));
      if (diagnostics.debug()) {
        diagnostics.debug("telemetry is " + consent.state().word() + ", decided by " + consent.decidedBy());
      }
      Recorder recorder = recorderFor(consent);
      ConsentAsker asker = recorder == null && consent.askable() && !config.ci() && host.interactive()
          ? new ConsentAsker(config, new ConsentStore(config.stateFile()), consent.record(), version, host, diagnostics)
          : null;
      FlushLauncher upload = recorder != null && consent.granted() && !config.debug()
          ? FlushLauncher.ifDue(config, settings, host.time().epochMillis(), diagnostics)
          : null;
      if (recorder != null && thread != null) {
        recorder.prepare(); // the end of the command then runs code that is already loaded
      }
      this.recorder = recorder;
      this.asker = asker;
      this.upload = upload;
    } catch (RuntimeException e) {
      diagnostics.failed("starting telemetry", e);
    } finally {
      decided = true;
    }
  }

  /**
   * The recorder for this run: journaling when granted, printing in debug mode unless an opt-out
   * or the user's refusal applies, else none.
   */
  private Recorder recorderFor(EffectiveConsent consent) {
    boolean granted = consent.granted();
    boolean debugPreview = config.debug() && consent.state() == ConsentState.UNDECIDED;
    if (!granted && !debugPreview) {
      return null;
    }
    return Recorder.create(config, consent.record().userId(), version, host, diagnostics, granted);
  }

  /** Waits at most {@code millis} for the decision; true when it is made. */
  public boolean await(long millis) {
    if (!decided && thread != null) {
      try {
        thread.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return decided;
  }

  /** The tool's version, for events. */
  public VersionSource version() {
    return version;
  }

  /** How long the command's end waits for a due upload to be under way. */
  public long exitWaitMillis() {
    return config.exitWaitMillis();
  }

  /** Whether this run does anything at all: records, or may ask. Only once decided. */
  public boolean active() {
    return recorder != null || asker != null;
  }

  /** Records this run's events, or null. Only once decided. */
  public Recorder recorder() {
    return recorder;
  }

  /** Asks the user before the first run that is not help, or null. Only once decided. */
  public ConsentAsker asker() {
    return asker;
  }

  /** The upload to start when the command has ended, or null. Only once decided. */
  public FlushLauncher upload() {
    return upload;
  }
}

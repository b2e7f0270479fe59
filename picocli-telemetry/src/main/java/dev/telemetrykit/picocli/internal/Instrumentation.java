package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.cli.TelemetryLauncher;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.run.CommandInterceptor;
import dev.telemetrykit.picocli.internal.run.ConsentAsker;
import dev.telemetrykit.picocli.internal.run.Recorder;
import dev.telemetrykit.picocli.internal.sync.FlushLauncher;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.IOException;
import java.lang.reflect.Method;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Connects telemetry to a Picocli {@link CommandLine}: finds the annotation, builds the
 * configuration, decides consent, adds the {@code telemetry} subcommand and, only when this run
 * may record, wraps the app's strategy and handlers.
 *
 * <p>This is the start-up path of every run of the host CLI, so it loads as little as possible:
 * no SQLite, no JLine, no HTTP, no lambdas (the first lambda in a JVM costs ~5 ms of bootstrap).
 */
public final class Instrumentation {
  private Instrumentation() {}

  /**
   * Installs telemetry into {@code cl}.
   *
   * @param args the arguments the app will run with, or null if not known yet; when known, the
   *     {@code telemetry} subcommand is added only if they name it
   * @return the recorder for custom events, or null when this run records nothing
   * @throws IllegalArgumentException when the app is not annotated or its name is unusable
   */
  public static Recorder install(CommandLine cl, String[] args, HostEnvironment host) {
    return install(cl, null, args, host);
  }

  /**
   * Installs telemetry into {@code cl}, with the settings of {@code @TelemetryEnabled} on {@code
   * settings}: for apps whose command class cannot carry it, such as programmatic {@code
   * CommandSpec}s.
   *
   * @param settings the class carrying the annotation, or null to take the top-level command's class
   */
  public static Recorder install(CommandLine cl, Class<?> settings, String[] args, HostEnvironment host) {
    boolean mayRunTelemetryCommand = mayRunTelemetryCommand(args);
    if (!mayRunTelemetryCommand && HostEnvironment.everyToolOptOut(host.env()) != null) {
      return null; // opted out: read nothing, load nothing, add nothing
    }
    CommandSpec spec = cl.getCommandSpec();
    TelemetryAnnotation annotation;
    try {
      annotation = TelemetryAnnotation.find(settings != null ? settings : commandClass(spec.userObject()));
    } catch (IOException e) {
      return null; // the app's own class file cannot be read: run it without telemetry, never fail it
    }
    if (annotation == null) {
      throw new IllegalArgumentException(
          "Telemetry needs @TelemetryEnabled on the top-level command class ("
              + describe(spec.userObject()) + "), e.g. "
              + "@TelemetryEnabled(endpoint = \"https://telemetry.example.com\")");
    }
    String tool = annotation.name().isEmpty() ? spec.name() : annotation.name();
    if (!mayRunTelemetryCommand && HostEnvironment.toolOptOut(host.env(), tool) != null) {
      return null;
    }
    TelemetryConfig config = TelemetryConfig.from(annotation, tool, host.env(), host.userHome());
    Diagnostics diagnostics = null; // made once the run may record or ask: a denied run needs none
    try {
      VersionSource version = mayRunTelemetryCommand ? new VersionSource(annotation.version(), spec) : null;
      CommandSpec telemetryCommand = version != null ? TelemetryLauncher.addTo(cl, config, version, host.time()) : null;
      EffectiveConsent consent = resolve(config, host);
      boolean records = mayRecord(config, consent);
      boolean asks = !records && mayAsk(config, consent, host);
      if (!records && !asks) {
        return null; // denied, or undecided with nobody to ask: load nothing more
      }
      diagnostics = new Diagnostics(config.debug(), host.err());
      if (version == null) {
        version = new VersionSource(annotation.version(), spec);
      }
      Recorder recorder = records ? newRecorder(config, consent, version, host, diagnostics) : null;
      ConsentAsker asker = asks
          ? new ConsentAsker(config, consent.record(), version, host, diagnostics)
          : null;
      FlushLauncher upload =
          recorder != null && consent.granted() && !config.debug() && SyncState.uploadDue(config, host.time().epochMillis())
              ? FlushLauncher.create(config, diagnostics)
              : null;
      if (recorder != null || asker != null) {
        CommandInterceptor.install(cl, recorder, asker, telemetryCommand, upload, config.exitWaitMillis());
      }
      return recorder;
    } catch (RuntimeException e) {
      (diagnostics != null ? diagnostics : new Diagnostics(config.debug(), host.err())).failed("starting telemetry", e);
      return null;
    }
  }

  /**
   * Starts telemetry for an app that does not use Picocli: custom events only.
   *
   * @return the recorder, or null when this run records nothing
   * @throws IllegalArgumentException when the class is not annotated or the annotation names no tool
   */
  public static Recorder start(Class<?> appClass, HostEnvironment host) {
    if (HostEnvironment.everyToolOptOut(host.env()) != null) {
      return null;
    }
    TelemetryAnnotation annotation;
    try {
      annotation = TelemetryAnnotation.find(appClass);
    } catch (IOException e) {
      return null;
    }
    if (annotation == null || annotation.name().isEmpty()) {
      throw new IllegalArgumentException(
          "Telemetry needs @TelemetryEnabled with a name on " + appClass.getName()
              + ", e.g. @TelemetryEnabled(name = \"my-tool\", version = \"1.0\", endpoint = \"https://telemetry.example.com\")");
    }
    if (HostEnvironment.toolOptOut(host.env(), annotation.name()) != null) {
      return null;
    }
    TelemetryConfig config = TelemetryConfig.from(annotation, annotation.name(), host.env(), host.userHome());
    Diagnostics diagnostics = new Diagnostics(config.debug(), host.err());
    try {
      EffectiveConsent consent = resolve(config, host);
      return mayRecord(config, consent)
          ? newRecorder(config, consent, new VersionSource(annotation.version(), null), host, diagnostics)
          : null;
    } catch (RuntimeException e) {
      diagnostics.failed("starting telemetry", e);
      return null;
    }
  }

  /**
   * Whether this run records: journaling when granted, printing in debug mode unless an opt-out or
   * the user's refusal applies.
   */
  private static boolean mayRecord(TelemetryConfig config, EffectiveConsent consent) {
    return consent.granted() || config.debug() && consent.state() == ConsentState.UNDECIDED;
  }

  /** The recorder of a run that {@link #mayRecord}: journaling when granted, else printing. */
  private static Recorder newRecorder(
      TelemetryConfig config, EffectiveConsent consent, VersionSource version, HostEnvironment host,
      Diagnostics diagnostics) {
    return Recorder.create(config, consent.record().userId(), version, host, diagnostics, consent.granted());
  }

  private static EffectiveConsent resolve(TelemetryConfig config, HostEnvironment host) {
    EffectiveConsent consent = EffectiveConsent.resolve(config);
    if (config.debug()) {
      new Diagnostics(true, host.err())
          .debug("telemetry is " + consent.state().word() + ", decided by " + consent.decidedBy());
    }
    return consent;
  }

  /**
   * Whether to show the consent box: the user has not decided (or what is collected changed since
   * they said yes), and a person is there to answer: stdin and stdout are terminals, no CI.
   */
  private static boolean mayAsk(TelemetryConfig config, EffectiveConsent consent, HostEnvironment host) {
    return consent.askable() && !config.ci() && host.interactive();
  }

  /** Whether the run may be a {@code telemetry} command: unknown arguments, or one of them is it. */
  private static boolean mayRunTelemetryCommand(String[] args) {
    if (args == null) {
      return true;
    }
    for (String arg : args) {
      if (TelemetryLauncher.NAME.equals(arg)) {
        return true;
      }
    }
    return false;
  }

  /** The class that carries the annotation: the command class, or a command method's class. */
  private static Class<?> commandClass(Object userObject) {
    if (userObject instanceof Method) {
      return ((Method) userObject).getDeclaringClass();
    } else if (userObject instanceof Class) {
      return (Class<?>) userObject;
    }
    return userObject == null ? null : userObject.getClass();
  }

  private static String describe(Object userObject) {
    return userObject == null ? "no user object" : userObject.getClass().getName();
  }
}

package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.TelemetryEnabled;
import dev.telemetrykit.picocli.internal.cli.TelemetryLauncher;
import dev.telemetrykit.picocli.internal.config.OptOut;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.ToolSettings;
import dev.telemetrykit.picocli.internal.run.CommandInterceptor;
import dev.telemetrykit.picocli.internal.run.Recorder;
import dev.telemetrykit.picocli.internal.run.RunPlan;
import java.lang.reflect.Method;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
    CommandSpec spec = cl.getCommandSpec();
    TelemetryEnabled annotation = findAnnotation(spec.userObject());
    if (annotation == null) {
      throw new IllegalArgumentException(
          "Telemetry needs @TelemetryEnabled on the top-level command class ("
              + describe(spec.userObject()) + "), e.g. "
              + "@TelemetryEnabled(endpoint = \"https://telemetry.example.com\")");
    }
    String tool = annotation.name().isEmpty() ? spec.name() : annotation.name();
    boolean mayRunTelemetryCommand = mayRunTelemetryCommand(args);
    if (!mayRunTelemetryCommand && OptOut.reason(host.env(), tool) != null) {
      return null; // opted out: read nothing, load nothing, add nothing
    }
    ToolSettings settings = settings(annotation, tool);
    TelemetryConfig config = TelemetryConfig.from(settings, host.env(), host.userHome());
    Diagnostics diagnostics = new Diagnostics(config.debug(), host.err());
    try {
      VersionSource version = new VersionSource(annotation.version(), spec);
      CommandSpec telemetryCommand =
          mayRunTelemetryCommand ? TelemetryLauncher.addTo(cl, config, version, host.time()) : null;
      RunPlan plan = RunPlan.decide(config, settings, version, host, diagnostics);
      if (plan.active()) {
        CommandInterceptor.install(cl, plan, telemetryCommand, config.exitWaitMillis());
      }
      return plan.recorder();
    } catch (RuntimeException e) {
      diagnostics.failed("starting telemetry", e);
      return null;
    }
  }

  /**
   * The first half of {@code Telemetry.execute}, called before Picocli builds its model of the
   * app: when the app's class alone names the tool, checks the opt-outs and the author's settings
   * here, and starts deciding the run's plan on another thread, so that the reading and class
   * loading it takes overlap the tens of milliseconds Picocli takes. {@link #install(CommandLine,
   * RunPlan)} is the second half.
   *
   * @return the plan being decided, or null when {@link #install(CommandLine, String[],
   *     HostEnvironment)} is to do everything: the run may be a {@code telemetry} command, the
   *     class does not name the tool, or an opt-out applies (it then finds that again, at once)
   * @throws IllegalArgumentException when the author's settings are invalid
   */
  public static RunPlan planEarly(Object app, String[] args, HostEnvironment host) {
    if (mayRunTelemetryCommand(args) || app instanceof Class || app instanceof Method) {
      return null;
    }
    TelemetryEnabled annotation = findAnnotation(app);
    String tool = annotation == null ? null : annotation.name().isEmpty() ? commandName(app.getClass()) : annotation.name();
    if (tool == null || OptOut.reason(host.env(), tool) != null) {
      return null;
    }
    ToolSettings settings = settings(annotation, tool);
    TelemetryConfig config = TelemetryConfig.from(settings, host.env(), host.userHome());
    Diagnostics diagnostics = new Diagnostics(config.debug(), host.err());
    VersionSource version = new VersionSource(annotation.version(), null);
    return RunPlan.decideInBackground(config, settings, version, host, diagnostics);
  }

  /** The second half of {@code Telemetry.execute}: wraps {@code cl} to follow {@code plan}. */
  public static void install(CommandLine cl, RunPlan plan) {
    plan.version().attach(cl.getCommandSpec());
    CommandInterceptor.install(cl, plan, null, plan.exitWaitMillis());
    Recorder.activateWhenDecided(plan);
  }

  /**
   * The name Picocli will give the app: {@code @Command(name)} on its own class; null when that
   * is not set, or the class has no {@code @Command} and Picocli decides.
   */
  private static String commandName(Class<?> type) {
    Command command = type.getAnnotation(Command.class);
    return command == null || command.name().equals(CommandSpec.DEFAULT_COMMAND_NAME) ? null : command.name();
  }

  /**
   * Starts telemetry for an app that does not use Picocli: custom events only.
   *
   * @return the recorder, or null when this run records nothing
   * @throws IllegalArgumentException when the class is not annotated or the annotation names no tool
   */
  public static Recorder start(Class<?> appClass, HostEnvironment host) {
    TelemetryEnabled annotation = findAnnotation(appClass);
    if (annotation == null || annotation.name().isEmpty()) {
      throw new IllegalArgumentException(
          "Telemetry needs @TelemetryEnabled with a name on " + appClass.getName()
              + ", e.g. @TelemetryEnabled(name = \"my-tool\", version = \"1.0\", endpoint = \"https://telemetry.example.com\")");
    }
    if (OptOut.reason(host.env(), annotation.name()) != null) {
      return null;
    }
    ToolSettings settings = settings(annotation, annotation.name());
    TelemetryConfig config = TelemetryConfig.from(settings, host.env(), host.userHome());
    Diagnostics diagnostics = new Diagnostics(config.debug(), host.err());
    try {
      // Such programs never ask and never upload: only the recorder of the plan is used.
      return RunPlan.decide(config, settings, new VersionSource(annotation.version(), null), host, diagnostics)
          .recorder();
    } catch (RuntimeException e) {
      diagnostics.failed("starting telemetry", e);
      return null;
    }
  }

  private static ToolSettings settings(TelemetryEnabled annotation, String tool) {
    return new ToolSettings(
            tool,
            annotation.endpoint(),
            annotation.privacyUrl(),
            annotation.policyVersion(),
            annotation.maxQueuedEvents(),
            annotation.showInHelp(),
            annotation.flushIntervalSeconds(),
            annotation.flushAtEvents(),
            annotation.exitWaitMillis());
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

  /** Finds the annotation on the command class, its superclasses, or a command method's class. */
  static TelemetryEnabled findAnnotation(Object userObject) {
    Class<?> type;
    if (userObject instanceof Method) {
      type = ((Method) userObject).getDeclaringClass();
    } else if (userObject instanceof Class) {
      type = (Class<?>) userObject;
    } else if (userObject != null) {
      type = userObject.getClass();
    } else {
      return null;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      TelemetryEnabled found = c.getAnnotation(TelemetryEnabled.class);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String describe(Object userObject) {
    return userObject == null ? "no user object" : userObject.getClass().getName();
  }
}

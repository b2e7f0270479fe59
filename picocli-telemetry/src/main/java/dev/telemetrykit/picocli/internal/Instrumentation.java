package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.cli.TelemetryLauncher;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.run.CommandInterceptor;
import dev.telemetrykit.picocli.internal.run.ConsentAsker;
import dev.telemetrykit.picocli.internal.run.Recorder;
import dev.telemetrykit.picocli.internal.run.StackTraces;
import dev.telemetrykit.picocli.internal.sync.FlushLauncher;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import dev.telemetrykit.picocli.internal.testkit.TestKitConsent;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Connects telemetry to a Picocli {@link CommandLine}: finds the annotation, builds the
 * configuration, decides consent, only when this run may record wraps the app's strategy and
 * handlers, and puts the management command in front of the app's parameter-exception handler.
 *
 * <p>The management command ({@code my-cli telemetry status}) runs for an argument vector that
 * starts with its name and that the app itself rejects: an instance of this class stands in front
 * of the app's parameter-exception handler. Why not a subcommand: a subcommand changes the app's
 * usage help ({@code [COMMAND]} in the synopsis), makes a command that is neither {@code Runnable}
 * nor {@code Callable} fail with "Missing required subcommand", takes the word from a positional
 * parameter or an option's value, and makes an abbreviation ambiguous. Reached only through a
 * parse error, it is invisible to every argument vector the app accepts.
 *
 * <p>This is the start-up path of every run of the host CLI, so it loads as little as possible:
 * no SQLite, no JLine, no HTTP, no lambdas (the first lambda in a JVM costs ~5 ms of bootstrap).
 * The dispatch is this class rather than one of its own because an opted-out run installs it too,
 * and every class such a run loads costs it ~0.2 ms (docs/benchmarks.md).
 */
public final class Instrumentation implements IParameterExceptionHandler {
  private final CommandLine app;
  private final Class<?> settings;
  private final TelemetryAnnotation inCode;
  private final HostEnvironment host;
  private final IParameterExceptionHandler appHandler;

  private Instrumentation(CommandLine app, Class<?> settings, TelemetryAnnotation inCode, HostEnvironment host) {
    this.app = app;
    this.settings = settings;
    this.inCode = inCode;
    this.host = host;
    this.appHandler = app.getParameterExceptionHandler();
  }

  /**
   * Installs telemetry into {@code cl}.
   *
   * @param args the arguments the app will run with, or null if not known yet
   * @return the recorder for custom events, or null when this run records nothing
   * @throws IllegalArgumentException in strict mode ({@link HostEnvironment#strict}), when the app
   *     is not annotated or its name is unusable; else such an app runs without telemetry
   */
  public static Recorder install(CommandLine cl, String[] args, HostEnvironment host) {
    return install(cl, null, null, args, host);
  }

  /**
   * Installs telemetry into {@code cl}, with the settings of {@code @TelemetryEnabled} on {@code
   * settings}: for apps whose command class cannot carry it, such as programmatic {@code
   * CommandSpec}s.
   *
   * @param settings the class carrying the annotation, or null to take the top-level command's class
   * @return as {@link #install(CommandLine, String[], HostEnvironment)}; when {@code cl} has
   *     telemetry already, the recorder active now
   */
  public static Recorder install(CommandLine cl, Class<?> settings, String[] args, HostEnvironment host) {
    return install(cl, settings, null, args, host);
  }

  /**
   * Installs telemetry into {@code cl}, with the author's settings made in code ({@code
   * TelemetrySettings}) rather than read from an annotation.
   *
   * @param inCode the author's settings
   * @return as {@link #install(CommandLine, String[], HostEnvironment)}
   */
  public static Recorder install(CommandLine cl, TelemetryAnnotation inCode, String[] args, HostEnvironment host) {
    return install(cl, null, inCode, args, host);
  }

  private static Recorder install(
      CommandLine cl, Class<?> settings, TelemetryAnnotation inCode, String[] args, HostEnvironment host) {
    if (args == null && isInstalled(cl)) {
      return Recorder.active(); // installing twice changes nothing (execute makes a new command line)
    }
    // The management command is reached through the app's parse errors (the management dispatch): with
    // the arguments unknown, any run may be one; with them known, only one that starts with its name.
    boolean mayManage = args == null || args.length > 0;
    if (HostEnvironment.everyToolOptOut(host.env()) != null) {
      if (mayManage) {
        installDispatch(cl, settings, inCode, host); // read nothing, load nothing else
      }
      return null;
    }
    CommandSpec spec = cl.getCommandSpec();
    TelemetryAnnotation annotation;
    try {
      annotation = inCode != null ? inCode : annotation(cl, settings);
    } catch (IllegalArgumentException e) {
      if (host.strict()) {
        throw e; // a value out of range: the author's mistake, theirs to see
      }
      return null;
    } catch (IOException e) {
      // The app's own class file cannot be read (a native image that does not keep it as a resource):
      // nothing the author wrote is known to be wrong, so run it without telemetry, strict or not.
      new Diagnostics(HostEnvironment.isSet(host.env().get("TELEMETRY_KIT_DEBUG")), host.err())
          .failed("reading @TelemetryEnabled", e);
      return null;
    }
    if (annotation == null) {
      if (host.strict()) {
        throw new IllegalArgumentException(
            "Telemetry needs @TelemetryEnabled on the top-level command class (" + describe(cl, settings)
                + "), e.g. @TelemetryEnabled(endpoint = \"https://telemetry.example.com\"); "
                + "for a programmatic CommandSpec, put it on a class of your own and call "
                + "Telemetry.install(commandLine, ThatClass.class)");
      }
      return null;
    }
    String tool = toolName(annotation, spec);
    boolean dispatch = mayManage && !annotation.showInHelp() && !annotation.command().isEmpty()
        && (args == null || annotation.command().equals(args[0]));
    TelemetryConfig config;
    String endpointProblem = null; // checked once: a few dozen microseconds, interpreted
    try {
      config = HostEnvironment.toolOptOut(host.env(), tool) != null && !dispatch && !annotation.showInHelp()
          ? null
          : configure(annotation, tool, host);
      if (config != null) {
        endpointProblem = config.endpointProblem();
        requireUsableEndpoint(annotation, config, endpointProblem, host);
      }
    } catch (IllegalArgumentException e) {
      if (host.strict()) {
        throw e;
      }
      return null;
    }
    Diagnostics diagnostics = null; // made once the run may record or ask: a denied run needs none
    try {
      if (config == null) {
        return null; // the tool's own opt-out
      }
      VersionSource version = null;
      CommandSpec listed = null;
      if (annotation.showInHelp()) {
        version = new VersionSource(annotation.version(), spec);
        listed = TelemetryLauncher.addTo(cl, config, version, host);
      }
      if (config.optOut() != null) {
        return null;
      }
      if (endpointProblem != null && !config.endpointFromEnvironment()) {
        return null; // the author's endpoint cannot be used: run as without telemetry; status names it
      }
      EffectiveConsent consent = resolve(config, host);
      boolean records = mayRecord(config, consent);
      if (records) {
        consent = joined(consent, config, host);
        records = mayRecord(config, consent);
      }
      boolean asks = !records && mayAsk(config, consent, host);
      if (!records && !asks) {
        return null; // denied, or undecided with nobody to ask: load nothing more
      }
      if (host.testRunWithoutKit()) {
        underTestWithoutKit(config, host);
        return null;
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
          recorder != null && consent.granted() && !config.debug() && endpointProblem == null
              && host.testKitHome() == null // under the test kit, only its flush uploads
              && SyncState.uploadDue(config, host.time().epochMillis())
              ? FlushLauncher.create(config, host, diagnostics)
              : null;
      if (recorder != null || asker != null) {
        CommandInterceptor.install(cl, recorder, asker, listed, upload, config.exitWaitMillis());
      }
      return recorder;
    } catch (RuntimeException e) {
      (diagnostics != null ? diagnostics : new Diagnostics(config.debug(), host.err())).failed("starting telemetry", e);
      return null;
    } finally {
      if (dispatch) {
        // Last, so that it stands in front of the recording handler: management runs are not recorded.
        installDispatch(cl, settings, inCode, host);
      }
    }
  }

  /**
   * Throws, in strict mode, when the author's endpoint is not an absolute http(s) URL, even where
   * {@code TELEMETRY_KIT_ENDPOINT} replaces it (as the author's own tests may do): the released
   * tool would send nothing.
   */
  private static void requireUsableEndpoint(
      TelemetryAnnotation annotation, TelemetryConfig config, String endpointProblem, HostEnvironment host) {
    String problem = !config.endpointFromEnvironment() ? endpointProblem
        : TelemetryAnnotation.endpointProblem(
            TelemetryAnnotation.setting(annotation.inCode(), "endpoint"), annotation.endpoint());
    if (problem != null && host.strict()) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Whether telemetry was installed into {@code cl} already: installing twice changes nothing. */
  public static boolean isInstalled(CommandLine cl) {
    // By name: an instanceof would load the interceptor class on runs that never record.
    return cl.getParameterExceptionHandler() instanceof Instrumentation
        || cl.getExecutionStrategy().getClass().getName().equals(INTERCEPTOR_CLASS);
  }

  private static final String INTERCEPTOR_CLASS = "dev.telemetrykit.picocli.internal.run.CommandInterceptor";

  /**
   * Puts the management command in front of {@code app}'s parameter-exception handler.
   *
   * @param settings the class carrying the annotation, or null for the top-level command's class
   * @param inCode the author's settings made in code, or null to read the annotation
   */
  private static void installDispatch(
      CommandLine app, Class<?> settings, TelemetryAnnotation inCode, HostEnvironment host) {
    app.setParameterExceptionHandler(new Instrumentation(app, settings, inCode, host));
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) throws Exception {
    if (args.length > 0 && ex.getCommandLine() == app && !appMayMeanSubcommand(args[0])) {
      Integer exitCode = runManagement(args);
      if (exitCode != null) {
        return exitCode;
      }
    }
    try {
      return appHandler.handleParseException(ex, args);
    } catch (Exception thrown) {
      StackTraces.hideFrames(thrown); // Picocli prints it: it must read as without telemetry
      throw thrown;
    }
  }

  /** The management command's exit code, or null when {@code args} do not name it. */
  private Integer runManagement(String[] args) {
    try {
      TelemetryAnnotation annotation = inCode != null ? inCode : annotation(app, settings);
      if (annotation == null || !annotation.command().equals(args[0])) {
        return null;
      }
      TelemetryConfig config = configure(annotation, toolName(annotation, app.getCommandSpec()), host);
      VersionSource version = new VersionSource(annotation.version(), app.getCommandSpec());
      return TelemetryLauncher.run(config, version, host, app,
          app.getCommandSpec().qualifiedName() + " " + args[0], Arrays.copyOfRange(args, 1, args.length));
    } catch (Exception e) {
      return null; // the annotation is unreadable: the app's error stands, as without telemetry
    }
  }

  /**
   * Whether the app has a subcommand that {@code word} may stand for: then the error is about
   * that subcommand's run (a required option of the app missing, say), not an unknown word.
   */
  private boolean appMayMeanSubcommand(String word) {
    boolean caseInsensitive = app.isSubcommandsCaseInsensitive();
    boolean abbreviated = app.isAbbreviatedSubcommandsAllowed();
    String w = caseInsensitive ? word.toLowerCase(Locale.ROOT) : word;
    for (String name : app.getSubcommands().keySet()) {
      String n = caseInsensitive ? name.toLowerCase(Locale.ROOT) : name;
      if (n.equals(w) || abbreviated && n.startsWith(w)) {
        return true;
      }
    }
    return false;
  }
  /**
   * The author's settings for {@code cl}: the annotation on {@code settings}, else on the
   * top-level command's class; null when there is none.
   */
  private static TelemetryAnnotation annotation(CommandLine cl, Class<?> settings) throws IOException {
    return TelemetryAnnotation.find(settings != null ? settings : commandClass(cl.getCommandSpec()));
  }

  private static String toolName(TelemetryAnnotation annotation, CommandSpec spec) {
    return annotation.name().isEmpty() ? spec.name() : annotation.name();
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
    } catch (IllegalArgumentException e) {
      if (host.strict()) {
        throw e; // a value out of range: the author's mistake, theirs to see
      }
      return null;
    } catch (IOException e) {
      return null;
    }
    if (annotation == null || annotation.name().isEmpty()) {
      if (!host.strict()) {
        return null;
      }
      throw new IllegalArgumentException(
          "Telemetry needs @TelemetryEnabled with a name on " + appClass.getName()
              + ", e.g. @TelemetryEnabled(name = \"my-tool\", version = \"1.0\", endpoint = \"https://telemetry.example.com\")");
    }
    if (HostEnvironment.toolOptOut(host.env(), annotation.name()) != null) {
      return null;
    }
    TelemetryConfig config = configure(annotation, annotation.name(), host);
    String endpointProblem = config.endpointProblem();
    requireUsableEndpoint(annotation, config, endpointProblem, host);
    if (endpointProblem != null && !config.endpointFromEnvironment()) {
      return null;
    }
    Diagnostics diagnostics = new Diagnostics(config.debug(), host.err());
    try {
      EffectiveConsent consent = joined(resolve(config, host), config, host);
      boolean records = mayRecord(config, consent);
      if (records && host.testRunWithoutKit()) {
        underTestWithoutKit(config, host);
        return null;
      }
      return records
          ? newRecorder(config, consent, new VersionSource(annotation.version(), null), host, diagnostics)
          : null;
    } catch (RuntimeException e) {
      diagnostics.failed("starting telemetry", e);
      return null;
    }
  }

  /**
   * {@code consent} after its tool joined its consent group, when this run is the tool's first
   * under the group's yes: its upload schedule starts then, as {@code telemetry enable} starts it,
   * so that joining does not make the first run start an upload at once.
   */
  private static EffectiveConsent joined(EffectiveConsent consent, TelemetryConfig config, HostEnvironment host) {
    EffectiveConsent joined = consent.joined(config);
    if (joined != consent && joined.granted()) {
      try {
        SyncState.startIfAbsent(config.syncStateFile(), host.time().epochMillis());
      } catch (IOException e) {
        // The first run is then due, as for a tool whose schedule file was lost: harmless.
      }
    }
    return joined;
  }

  /**
   * Whether this run records: journaling when granted, printing in debug mode unless an opt-out or
   * the user's refusal applies.
   */
  private static boolean mayRecord(TelemetryConfig config, EffectiveConsent consent) {
    return consent.granted() || config.debug() && consent.state() == ConsentState.UNDECIDED;
  }

  /**
   * The configuration of {@code tool}; under the test kit, its consent is first given as the test
   * asked, unless the tool has decided in the test's directory already.
   */
  private static TelemetryConfig configure(TelemetryAnnotation annotation, String tool, HostEnvironment host) {
    TelemetryConfig config = TelemetryConfig.from(annotation, tool, host);
    if (host.testKitHome() != null) {
      TestKitConsent.prepare(config, host);
    }
    return config;
  }

  /** Says in debug mode why a run that would record or ask does neither: see {@link HostEnvironment#testRunWithoutKit}. */
  private static void underTestWithoutKit(TelemetryConfig config, HostEnvironment host) {
    if (config.debug()) {
      new Diagnostics(true, host.err()).debug("telemetry is off: a test framework is on the class path and the "
          + "test kit (picocli-telemetry-test) is not active; " + HostEnvironment.RECORD_IN_TESTS_VARIABLE
          + "=1 records anyway");
    }
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

  /**
   * The class that carries the annotation: the command class, a command method's class, or the
   * interface of a command declared as one. Read from Picocli's model without asking it for the
   * user object, which would make it instantiate a class-based command before the app's run does.
   */
  private static Class<?> commandClass(CommandSpec spec) {
    try {
      Field userObject = CommandSpec.class.getDeclaredField("userObject");
      userObject.setAccessible(true);
      Object holder = userObject.get(spec);
      Method getType = holder.getClass().getDeclaredMethod("getType");
      getType.setAccessible(true);
      Class<?> type = (Class<?>) getType.invoke(holder);
      if (type != null && type != Method.class) {
        return type;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A Picocli whose model is built otherwise, or a module that does not open it: ask for it.
    }
    return commandClass(spec.userObject());
  }

  /** The class of a user object: the class itself, a command method's class, an object's class. */
  public static Class<?> commandClass(Object userObject) {
    if (userObject instanceof Method) {
      return ((Method) userObject).getDeclaringClass();
    } else if (userObject instanceof Class) {
      return (Class<?>) userObject;
    }
    return userObject == null ? null : userObject.getClass();
  }

  private static String describe(CommandLine cl, Class<?> settings) {
    if (settings != null) {
      return settings.getName();
    }
    Class<?> type = commandClass(cl.getCommandSpec());
    return type == null ? "no user object" : type.getName();
  }
}

package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.Instrumentation;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.consent.ConsentPrompt;
import dev.telemetrykit.picocli.internal.run.Recorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs a Picocli app in this JVM, with or without telemetry, and captures what a user would see:
 * stdout, stderr and the exit code. The environment is a map and the data directory a temp dir,
 * so nothing leaks between tests.
 */
public final class AppRun {
  private final Supplier<CommandLine> app;
  private final Map<String, String> env = new HashMap<>();
  private final Properties properties = FixedPlatform.linux();
  private Consumer<CommandLine> customizer = cl -> {};
  private boolean interactive;
  private FixedTime time = new FixedTime(1_764_000_000_000L, 3_000_000L);
  private final ByteArrayOutputStream debugErr = new ByteArrayOutputStream();
  private ConsentPrompt prompt = ScriptedPrompt.failing();
  private boolean argsKnown = true;
  private Class<?> settings;
  private TelemetryAnnotation inCode;

  private AppRun(Supplier<CommandLine> app, Path home) {
    this.app = app;
    env.put("TELEMETRY_KIT_HOME", home.toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", home.resolveSibling("no-policy.json").toString());
  }

  /** An app whose data directory is {@code home}. */
  public static AppRun of(Supplier<CommandLine> app, Path home) {
    return new AppRun(app, home);
  }

  public AppRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Sets a system property of the run, as {@code -Dname=value} would. */
  public AppRun property(String name, String value) {
    properties.setProperty(name, value);
    return this;
  }

  public AppRun interactive(boolean value) {
    interactive = value;
    return this;
  }

  /** How the consent box answers (by default, asking fails the test). */
  public AppRun prompt(ConsentPrompt value) {
    prompt = value;
    return this;
  }

  /**
   * Installs as {@code Telemetry.install(cl)} does, without knowing the arguments, rather than as
   * {@code Telemetry.execute(app, args)} does.
   */
  public AppRun argsUnknown() {
    argsKnown = false;
    return this;
  }

  /** Reads the annotation from {@code value}, as {@code Telemetry.install(cl, settings)} does. */
  public AppRun settings(Class<?> value) {
    settings = value;
    return this;
  }

  /** Takes the author's settings made in code, as {@code Telemetry.install(cl, TelemetrySettings)} does. */
  public AppRun settings(TelemetryAnnotation value) {
    inCode = value;
    return this;
  }

  public AppRun time(FixedTime value) {
    time = value;
    return this;
  }

  /** Configures each command line before telemetry is installed, as an author would. */
  public AppRun customize(Consumer<CommandLine> value) {
    customizer = value;
    return this;
  }

  /** What telemetry printed to stderr in debug mode (separate from the app's own stderr). */
  public String debugOutput() {
    return debugErr.toString(StandardCharsets.UTF_8);
  }

  /** Runs the app with telemetry installed. */
  public Result run(String... args) {
    return run(true, args);
  }

  /**
   * Runs the app with or without telemetry. Comparisons call this from one line for both, so
   * that stack traces the app prints have the same frames.
   */
  public Result run(boolean withTelemetry, String... args) {
    return execute(withTelemetry, args);
  }

  /**
   * Runs the app without telemetry, then with it: element 0 is plain, element 1 installed. One
   * call site for both, so that stack traces printed by Picocli have the same frames.
   */
  public Result[] withoutAndWith(String... args) {
    Result[] results = new Result[2];
    for (int i = 0; i < 2; i++) {
      results[i] = execute(i == 1, args);
    }
    return results;
  }

  /** Installs telemetry into a fresh command line and returns the recorder (null if none). */
  public Recorder install(CommandLine cl, String... args) {
    String[] known = argsKnown ? args : null;
    return inCode != null ? Instrumentation.install(cl, inCode, known, host())
        : Instrumentation.install(cl, settings, known, host());
  }

  private Result execute(boolean withTelemetry, String[] args) {
    CommandLine cl = app.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    customizer.accept(cl);
    if (withTelemetry) {
      install(cl, args);
    }
    int exitCode = run(cl, args);
    return new Result(out.toString(), err.toString(), exitCode);
  }

  // Both variants call execute from this one line, so stack traces printed by Picocli match.
  private static int run(CommandLine cl, String[] args) {
    return cl.execute(args);
  }

  /** The process this app runs in: its environment, home, clocks and consent box. */
  public HostEnvironment host() {
    return new HostEnvironment(
        Map.copyOf(env),
        Path.of(env.get("TELEMETRY_KIT_HOME")).resolveSibling("user-home"),
        properties,
        new PrintStream(debugErr, true, StandardCharsets.UTF_8),
        interactive,
        time,
        prompt);
  }

  /** What the user saw. */
  public record Result(String out, String err, int exitCode) {}
}

package dev.telemetrykit.picocli.compat;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.Instrumentation;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FixedPlatform;
import dev.telemetrykit.picocli.testing.FixedTime;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs one app once, plain or with telemetry installed, and captures what a user would see. */
final class Harness {
  /** The host clock of every instrumented run (it never moves, so nothing becomes due). */
  static final long NOW = 1_764_000_000_000L;

  /** How telemetry is installed. */
  enum Mode {
    /** The arguments are known, as in {@code Telemetry.execute(app, args)}. */
    EXECUTE,
    /** The arguments are not known, as in {@code Telemetry.install(cl)} followed by {@code cl.execute(args)}. */
    INSTALL;

    String label() {
      return name().toLowerCase();
    }
  }

  /**
   * What one run showed.
   *
   * @param out stdout (for apps with streams of their own: what went to each destination)
   * @param err stderr, likewise
   * @param exitCode what {@code execute} returned, or null when it threw
   * @param thrown the stack trace of what escaped {@code execute} (or install), else ""
   * @param diagnostics what telemetry itself printed to the process's stderr
   * @param events {@code command_executed} events left in the data directory
   */
  record Outcome(String out, String err, Integer exitCode, String thrown, String diagnostics, int events) {}

  private Harness() {}

  /**
   * Runs {@code app} with {@code args}: plain when {@code mode} is null, else with telemetry
   * installed in {@code mode} with data directory {@code home} and environment {@code env}.
   * Both variants reach {@code cl.execute} through the same line, so printed stack traces match.
   */
  static Outcome run(App app, List<String> args, Mode mode, Path home, Map<String, String> env) {
    Streams streams = new Streams();
    CommandLine cl = app.factory().apply(streams);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    String[] argv = args.toArray(new String[0]);
    if (mode != null) {
      HostEnvironment host = host(env, home, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
      try {
        Instrumentation.install(cl, app.settings(), mode == Mode.EXECUTE ? argv.clone() : null, host);
      } catch (RuntimeException | Error e) {
        return new Outcome("", "", null, "install threw " + e, text(diagnostics), events(app, home));
      }
    }
    Integer exitCode = null;
    String thrown = "";
    try {
      exitCode = execute(cl, argv);
    } catch (Exception | Error e) {
      thrown = stackTrace(e);
    }
    String stdout = out.toString();
    String stderr = err.toString();
    if (app.ownStreams()) {
      stdout = "[CommandLine.getOut()]\n" + stdout + "[useOut stream]\n" + streams.outText();
      stderr = "[CommandLine.getErr()]\n" + stderr + "[useErr stream]\n" + streams.errText();
    }
    return new Outcome(
        Fixtures.normalise(stdout),
        Fixtures.normalise(stderr),
        exitCode,
        Fixtures.normalise(thrown),
        text(diagnostics),
        mode == null ? 0 : events(app, home));
  }

  // The one call site of both variants.
  private static int execute(CommandLine cl, String[] argv) {
    return cl.execute(argv);
  }

  private static int events(App app, Path home) {
    int n = 0;
    for (Map<String, Object> event : new DataDir(home, app.tool()).journalEvents()) {
      if ("command_executed".equals(event.get("event_type"))) {
        n++;
      }
    }
    return n;
  }

  private static HostEnvironment host(Map<String, String> env, Path home, PrintStream diagnostics) {
    return new HostEnvironment(
        Map.copyOf(env),
        home.resolveSibling("user-home"),
        FixedPlatform.linux(),
        diagnostics,
        false,
        new FixedTime(NOW, 3_000_000L),
        ScriptedPrompt.failing());
  }

  private static String stackTrace(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw, true));
    return sw.toString();
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

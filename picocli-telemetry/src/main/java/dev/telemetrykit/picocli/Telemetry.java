package dev.telemetrykit.picocli;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.Instrumentation;
import dev.telemetrykit.picocli.internal.event.EventProperties;
import dev.telemetrykit.picocli.internal.run.Recorder;
import dev.telemetrykit.picocli.internal.sync.FlushMain;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point: runs a Picocli app with usage telemetry, and records custom events.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(Telemetry.execute(new MyCli(), args));
 * }
 * }</pre>
 *
 * <p>Telemetry never changes what the app does: the same output, the same exit code, the same
 * exceptions reaching the app's handlers. Until the end user says yes, nothing is recorded, and
 * when an opt-out applies ({@code DO_NOT_TRACK=1} and others, see docs/configuration.md) nothing
 * is touched at all.
 */
public final class Telemetry {
  // Whether a recorder was made active in this JVM, so that a later run may have to end it.
  private static volatile boolean recorded;

  private Telemetry() {}

  /**
   * Runs {@code app} (a class annotated with {@code @Command} and {@link TelemetryEnabled}) with
   * {@code args} and returns its exit code, exactly as {@code new CommandLine(app).execute(args)}.
   *
   * @param app the top-level command object, as passed to {@code new CommandLine(app)}
   * @param args the command-line arguments, as given to {@code main}
   * @return the app's exit code, the one {@code CommandLine.execute} returns without telemetry
   * @throws IllegalArgumentException if {@code app} is null
   */
  public static int execute(Object app, String... args) {
    uploadIfStartedToUpload();
    if (app == null) {
      throw new IllegalArgumentException("The parameter 'app' must not be null");
    }
    CommandLine cl = new CommandLine(app);
    activate(Instrumentation.install(cl, Instrumentation.commandClass(app), args, HostEnvironment.system()));
    return cl.execute(args);
  }

  /**
   * Adds telemetry to a {@code CommandLine} the author configured: wraps its current execution
   * strategy and exception handlers, and puts the {@code telemetry} management command in front of
   * its parameter-exception handler (it runs only for arguments the app itself rejects, see
   * {@link TelemetryEnabled#command}). Call it after setting your own strategy and handlers,
   * before {@code execute}: a strategy or handler set later replaces telemetry's. Installing twice
   * changes nothing.
   *
   * @param cl the app's configured command line
   * @return {@code cl}, so that {@code execute} can be chained
   * @throws IllegalArgumentException if {@code cl} is null
   */
  public static CommandLine install(CommandLine cl) {
    uploadIfStartedToUpload();
    if (cl == null) {
      throw new IllegalArgumentException("The parameter 'cl' must not be null");
    }
    activate(Instrumentation.install(cl, null, HostEnvironment.system()));
    return cl;
  }

  /**
   * Like {@link #install(CommandLine)}, for an app whose top-level command class cannot carry
   * {@link TelemetryEnabled}, such as one built programmatically with {@code CommandSpec.create()}:
   * the annotation is read from {@code settings} instead.
   *
   * <pre>{@code
   * @TelemetryEnabled(name = "my-cli", endpoint = "https://telemetry.example.com")
   * final class MyCliTelemetry {}
   *
   * CommandLine cl = new CommandLine(spec);
   * Telemetry.install(cl, MyCliTelemetry.class).execute(args);
   * }</pre>
   *
   * @param cl the app's configured command line
   * @param settings a class annotated with {@link TelemetryEnabled}, whose {@code name} should be set
   * @return {@code cl}, so that {@code execute} can be chained
   * @throws IllegalArgumentException if {@code cl} or {@code settings} is null
   */
  public static CommandLine install(CommandLine cl, Class<?> settings) {
    uploadIfStartedToUpload();
    if (cl == null) {
      throw new IllegalArgumentException("The parameter 'cl' must not be null");
    }
    if (settings == null) {
      throw new IllegalArgumentException("The parameter 'settings' must not be null");
    }
    activate(Instrumentation.install(cl, settings, null, HostEnvironment.system()));
    return cl;
  }

  /**
   * Like {@link #install(CommandLine)}, with the author's settings made in code rather than read
   * from {@link TelemetryEnabled}: for an app that builds its {@code CommandLine} itself, such as
   * from a programmatic {@code CommandSpec}, or whose endpoint differs between builds. The user's
   * environment variables still win over {@code settings} (docs/configuration.md).
   *
   * <pre>{@code
   * CommandLine cl = new CommandLine(CommandSpec.create().name("my-cli"));
   * TelemetrySettings settings = TelemetrySettings.builder("my-cli")
   *     .endpoint("https://telemetry.example.com").version("1.2").build();
   * System.exit(Telemetry.install(cl, settings).execute(args));
   * }</pre>
   *
   * @param cl the app's configured command line
   * @param settings the author's settings, from {@link TelemetrySettings#builder(String)}
   * @return {@code cl}, so that {@code execute} can be chained
   * @throws IllegalArgumentException if {@code cl} or {@code settings} is null
   */
  public static CommandLine install(CommandLine cl, TelemetrySettings settings) {
    uploadIfStartedToUpload();
    if (cl == null) {
      throw new IllegalArgumentException("The parameter 'cl' must not be null");
    }
    if (settings == null) {
      throw new IllegalArgumentException("The parameter 'settings' must not be null");
    }
    // No settings held: a number was out of range in a user's run, which then runs without telemetry.
    activate(settings.declared() == null ? null
        : Instrumentation.install(cl, settings.declared(), null, HostEnvironment.system()));
    return cl;
  }

  /**
   * Like {@link #execute(Object, String...)}, with the author's settings made in code rather than
   * read from {@link TelemetryEnabled} (see {@link #install(CommandLine, TelemetrySettings)}).
   *
   * @param app the top-level command object, as passed to {@code new CommandLine(app)}
   * @param settings the author's settings, from {@link TelemetrySettings#builder(String)}
   * @param args the command-line arguments, as given to {@code main}
   * @return the app's exit code, the one {@code CommandLine.execute} returns without telemetry
   * @throws IllegalArgumentException if {@code app} or {@code settings} is null
   */
  public static int execute(Object app, TelemetrySettings settings, String... args) {
    uploadIfStartedToUpload();
    if (app == null) {
      throw new IllegalArgumentException("The parameter 'app' must not be null");
    }
    if (settings == null) {
      throw new IllegalArgumentException("The parameter 'settings' must not be null");
    }
    CommandLine cl = new CommandLine(app);
    activate(settings.declared() == null ? null
        : Instrumentation.install(cl, settings.declared(), args, HostEnvironment.system()));
    return cl.execute(args);
  }

  /**
   * Starts telemetry in an app that does not use Picocli, so that its custom events are recorded.
   * The class must carry {@link TelemetryEnabled} with {@code name} set, and should set {@code
   * version} (else it is reported as {@code unknown}), since there is no {@code @Command} to take
   * them from. Such programs never show the consent box and never upload themselves: their events
   * are queued, and leave with the next upload of a Picocli run of the same tool, or with {@code
   * <tool> telemetry flush}.
   *
   * <pre>{@code
   * @TelemetryEnabled(name = "my-tool", version = "1.0", endpoint = "https://telemetry.example.com")
   * class MyTool {
   *   public static void main(String[] args) {
   *     Telemetry.start(MyTool.class);
   *     Telemetry.trackFeature("export");
   *   }
   * }
   * }</pre>
   *
   * @param app the class annotated with {@link TelemetryEnabled}
   * @throws IllegalArgumentException if {@code app} is null; in strict mode (the author's tests
   *     and debug runs, see docs/configuration.md) also if the class is not annotated or the
   *     annotation has no name, where otherwise the program runs without telemetry
   */
  public static void start(Class<?> app) {
    uploadIfStartedToUpload();
    if (app == null) {
      throw new IllegalArgumentException("The parameter 'app' must not be null");
    }
    activate(Instrumentation.start(app, HostEnvironment.system()));
  }

  /**
   * When a due run started this program again to upload (a jpackage launcher, a native image, a
   * launcher's own class loader: docs/sync.md), uploads and exits 0 here, before the app runs. One
   * environment lookup on every other run.
   */
  private static void uploadIfStartedToUpload() {
    String marker = System.getenv(FlushMain.MARKER);
    if (marker != null) {
      FlushMain.runMarked(marker);
    }
  }

  /**
   * Makes {@code recorder} (null: none) the one custom events go to. Until a run of this JVM has
   * recorded, none can be active, and the recorder's class stays unloaded: every class on an
   * opted-out or denied run's path costs time.
   */
  private static void activate(Recorder recorder) {
    if (recorder != null) {
      recorded = true;
      Recorder.activate(recorder);
    } else if (recorded) {
      Recorder.activate(null);
    }
  }

  /**
   * Records that a feature was used, e.g. {@code trackFeature("export", Map.of("format", "csv"))}.
   * Does nothing unless the user agreed to telemetry.
   *
   * <p>An invalid name or property is the author's mistake, never the end user's: it throws {@link
   * IllegalArgumentException} (saying why) in the author's tests and debug runs (see
   * docs/configuration.md, "Author mistakes"); in a user's run the event is dropped and {@code
   * telemetry status} reports it.
   *
   * @param feature the feature's name: 1 to 128 printable characters
   * @param properties extra properties as in {@link #track(String, Map)}, or null for none
   */
  public static void trackFeature(String feature, Map<String, ?> properties) {
    track("feature_used", "feature", feature, properties);
  }

  /**
   * Records that a feature was used, with no properties.
   *
   * @param feature the feature's name: 1 to 128 printable characters
   */
  public static void trackFeature(String feature) {
    trackFeature(feature, null);
  }

  /**
   * Records that a library method was called, e.g. {@code trackMethod("Database::connect")}. An
   * invalid name is handled as in {@link #trackFeature(String, Map)}.
   *
   * @param method the method's name: 1 to 128 printable characters
   */
  public static void trackMethod(String method) {
    track("method_called", "method", method, null);
  }

  /**
   * Records a custom event, e.g. {@code track("export_finished", Map.of("rows", 1200))}.
   * Properties are strings (up to 256 characters), numbers, booleans or enums; at most 32. An
   * invalid type or property is handled as in {@link #trackFeature(String, Map)}.
   *
   * @param eventType the event's type: 1 to 64 characters of a-z, 0-9, '_' or '.', starting with
   *     a letter
   * @param properties the event's properties by key (1 to 64 letters, digits, '_', '.' or '-',
   *     starting with a letter; not a name telemetry records itself), or null for none
   */
  public static void track(String eventType, Map<String, ?> properties) {
    track(eventType, null, null, properties);
  }

  private static void track(String type, String nameKey, String name, Map<String, ?> properties) {
    Recorder recorder = Recorder.active();
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      EventProperties.eventType(type);
      if (nameKey != null) {
        fields.put(nameKey, EventProperties.name(nameKey, name));
      }
      fields.putAll(EventProperties.validate(properties));
      EventProperties.checkEvent(type, fields);
    } catch (IllegalArgumentException e) {
      // Loud in the author's tests and debug runs; never a failure of an end user's run.
      if (HostEnvironment.system().strict()) {
        throw e;
      }
      if (recorder != null) {
        recorder.invalidEvent();
      }
      return;
    }
    if (recorder != null) {
      recorder.record(type, fields);
    }
  }
}

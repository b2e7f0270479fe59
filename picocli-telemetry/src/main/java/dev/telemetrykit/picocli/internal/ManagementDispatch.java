package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.cli.TelemetryLauncher;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.run.StackTraces;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Runs the management command ({@code my-cli telemetry status}) for an argument vector that starts
 * with its name and that the app itself rejects, in front of the app's own parameter-exception
 * handler.
 *
 * <p>Why not a subcommand: a subcommand changes the app's usage help ({@code [COMMAND]} in the
 * synopsis), makes a command that is neither {@code Runnable} nor {@code Callable} fail with
 * "Missing required subcommand", takes the word from a positional parameter or an option's value,
 * and makes an abbreviation ambiguous. Reached only through a parse error, the management command
 * is invisible to every argument vector the app accepts: one it would accept stays the app's.
 */
final class ManagementDispatch implements IParameterExceptionHandler {
  private final CommandLine app;
  private final Class<?> settings;
  private final HostEnvironment host;
  private final IParameterExceptionHandler appHandler;

  private ManagementDispatch(CommandLine app, Class<?> settings, HostEnvironment host) {
    this.app = app;
    this.settings = settings;
    this.host = host;
    this.appHandler = app.getParameterExceptionHandler();
  }

  /**
   * Puts the dispatch in front of {@code app}'s parameter-exception handler.
   *
   * @param settings the class carrying the annotation, or null for the top-level command's class
   */
  static void install(CommandLine app, Class<?> settings, HostEnvironment host) {
    app.setParameterExceptionHandler(new ManagementDispatch(app, settings, host));
  }

  /** Whether telemetry was installed into {@code cl} already. */
  static boolean isInstalled(CommandLine cl) {
    return cl.getParameterExceptionHandler() instanceof ManagementDispatch;
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
      TelemetryAnnotation annotation = Instrumentation.annotation(app, settings);
      if (annotation == null || !annotation.command().equals(args[0])) {
        return null;
      }
      TelemetryConfig config = Instrumentation.config(annotation, app.getCommandSpec(), host);
      VersionSource version = new VersionSource(annotation.version(), app.getCommandSpec());
      return TelemetryLauncher.run(config, version, host.time(), app,
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
}

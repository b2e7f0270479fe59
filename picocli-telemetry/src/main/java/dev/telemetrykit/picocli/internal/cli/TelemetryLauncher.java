package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.ChildJvm;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.ManagementMain;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the management command ({@code my-cli telemetry status}) on the app's writers, and, for an
 * author who wants it listed in usage help ({@code showInHelp}), stands in for it as a subcommand
 * of the app: a bare command that takes whatever follows it and hands it to the real {@link
 * TelemetryCommand}.
 *
 * <p>Why not add {@code TelemetryCommand} itself: Picocli reads a command's annotations when it is
 * added, and for six annotated commands that costs ~20 ms on every run of the host CLI, most of
 * which never touch {@code telemetry}. Built programmatically, this stand-in costs well under one.
 */
public final class TelemetryLauncher implements Callable<Integer> {
  private final TelemetryConfig config;
  private final VersionSource version;
  private final HostEnvironment host;
  private CommandLine self;

  private TelemetryLauncher(TelemetryConfig config, VersionSource version, HostEnvironment host) {
    this.config = config;
    this.version = version;
    this.host = host;
  }

  /**
   * Adds the management command to {@code cl} as a listed subcommand, unless the app has its own
   * command of that name.
   *
   * @return the added command's spec, or null if none was added
   */
  public static CommandSpec addTo(CommandLine cl, TelemetryConfig config, VersionSource version, HostEnvironment host) {
    if (config.command().isEmpty() || cl.getSubcommands().containsKey(config.command())) {
      return null;
    }
    TelemetryLauncher launcher = new TelemetryLauncher(config, version, host);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(launcher);
    spec.usageMessage().description(TelemetryCommand.DESCRIPTION);
    spec.parser().stopAtUnmatched(true).unmatchedArgumentsAllowed(true);
    launcher.self = new CommandLine(spec);
    cl.addSubcommand(config.command(), launcher.self);
    return spec;
  }

  /**
   * Runs the management command with {@code args} (what follows its name), printing with {@code
   * app}'s writers and colours as they are at the time of the run. Where loading SQLite in this
   * JVM would make the JDK print its native-access warning, it runs in a child JVM instead.
   *
   * @param qualifiedName how the user typed the command, e.g. {@code my-cli telemetry}
   * @return the exit code
   */
  public static int run(
      TelemetryConfig config, VersionSource version, HostEnvironment host, CommandLine app, String qualifiedName,
      String[] args) {
    if (host.nativeAccessRestricted()) {
      Integer exitCode = ChildJvm.run(ManagementMain.class.getName(),
          ManagementMain.arguments(config, version.get(), qualifiedName, args), host, app.getOut(), app.getErr());
      if (exitCode != null) {
        return exitCode;
      }
    }
    return runHere(config, version, host.time(), app, qualifiedName, args);
  }

  /** Runs the management command in this JVM. */
  public static int runHere(
      TelemetryConfig config, VersionSource version, TimeSource time, CommandLine app, String qualifiedName,
      String[] args) {
    CommandLine real = TelemetryCommand.commandLine(new TelemetryContext(config, version, time));
    real.setCommandName(qualifiedName);
    real.setOut(app.getOut());
    real.setErr(app.getErr());
    real.setColorScheme(app.getColorScheme());
    return real.execute(args);
  }

  @Override
  public Integer call() {
    List<String> args = self.getUnmatchedArguments();
    CommandLine app = self.getParent() != null ? self.getParent() : self;
    return run(config, version, host, app, self.getCommandSpec().qualifiedName(), args.toArray(new String[0]));
  }
}

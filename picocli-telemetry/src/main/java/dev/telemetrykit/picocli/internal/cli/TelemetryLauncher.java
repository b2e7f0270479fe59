package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code telemetry} subcommand as the host app sees it: a bare command that takes whatever
 * follows it and hands it to the real {@link TelemetryCommand}.
 *
 * <p>Why not add {@code TelemetryCommand} itself: Picocli reads a command's annotations when it is
 * added, and for six annotated commands that costs ~20 ms on every run of the host CLI, most of
 * which never touch {@code telemetry}. Built programmatically, this stand-in costs well under one.
 */
public final class TelemetryLauncher implements Callable<Integer> {
  private final TelemetryConfig config;
  private final VersionSource version;
  private final TimeSource time;
  private CommandLine self;

  private TelemetryLauncher(TelemetryConfig config, VersionSource version, TimeSource time) {
    this.config = config;
    this.version = version;
    this.time = time;
  }

  /** The subcommand's name. */
  public static final String NAME = "telemetry";

  /**
   * Adds the {@code telemetry} subcommand to {@code cl}, unless the app has its own command of
   * that name.
   *
   * @return the added command's spec, or null if none was added
   */
  public static CommandSpec addTo(CommandLine cl, TelemetryConfig config, VersionSource version, TimeSource time) {
    if (cl.getSubcommands().containsKey(NAME)) {
      return null;
    }
    TelemetryLauncher launcher = new TelemetryLauncher(config, version, time);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(launcher);
    spec.usageMessage()
        .hidden(!config.showInHelp())
        .description(TelemetryCommand.DESCRIPTION);
    spec.parser().stopAtUnmatched(true).unmatchedArgumentsAllowed(true);
    launcher.self = new CommandLine(spec);
    cl.addSubcommand(NAME, launcher.self);
    return spec;
  }

  @Override
  public Integer call() {
    List<String> args = self.getUnmatchedArguments();
    CommandLine real = TelemetryCommand.commandLine(new TelemetryContext(config, version, time));
    real.setCommandName(self.getCommandSpec().qualifiedName());
    // The app's writers at the time of the run: it may have set them before or after install.
    CommandLine app = self.getParent() != null ? self.getParent() : self;
    real.setOut(app.getOut());
    real.setErr(app.getErr());
    real.setColorScheme(app.getColorScheme());
    return real.execute(args.toArray(new String[0]));
  }
}

package dev.telemetrykit.picocli.internal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code <tool> telemetry}, built when the user runs it (see {@link TelemetryLauncher}): lets the end user see and change what telemetry does. Runs of these
 * commands are never recorded and never prompt.
 */
@Command(
    name = "telemetry",
    description = TelemetryCommand.DESCRIPTION,
    mixinStandardHelpOptions = true,
    synopsisSubcommandLabel = "COMMAND")
final class TelemetryCommand implements Runnable {
  @Spec CommandSpec spec;

  private TelemetryCommand() {}

  static final String DESCRIPTION = "See and control the anonymous usage data this tool collects.";

  /** The {@code telemetry} command with its subcommands, ready to execute. */
  static CommandLine commandLine(TelemetryContext context) {
    CommandLine telemetry = new CommandLine(new TelemetryCommand());
    telemetry.addSubcommand(new StatusCommand(context));
    telemetry.addSubcommand(new EnableCommand(context));
    telemetry.addSubcommand(new DisableCommand(context));
    telemetry.addSubcommand(new ShowCommand(context));
    telemetry.addSubcommand(new FlushCommand(context));
    telemetry.addSubcommand(new ResetCommand(context));
    telemetry.addSubcommand(new DeleteMyDataCommand(context));
    return telemetry;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

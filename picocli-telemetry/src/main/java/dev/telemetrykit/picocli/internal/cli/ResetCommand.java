package dev.telemetrykit.picocli.internal.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry reset}: forget the choice, the identity and the queue. */
@Command(name = "reset", description = "Delete the anonymous id and queued data, and ask again next time.",
    mixinStandardHelpOptions = true)
final class ResetCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  ResetCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try {
      context.purgeQueue();
      Files.deleteIfExists(context.config.stateFile());
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not reset telemetry: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println(
        "Telemetry reset for " + context.tool() + ": the anonymous id and queued data were deleted."
            + " Nothing is recorded until you say yes again.");
    return 0;
  }
}

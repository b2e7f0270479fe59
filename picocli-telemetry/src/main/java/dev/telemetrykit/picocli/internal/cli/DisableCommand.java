package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry disable}: the user says no; the queue and the anonymous id are deleted. */
@Command(name = "disable", description = "Stop collecting usage data and delete what is queued.",
    mixinStandardHelpOptions = true)
final class DisableCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  DisableCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try {
      new ConsentRecord(
              ConsentState.DENIED,
              context.config.policyVersion(),
              Instant.ofEpochMilli(context.time.epochMillis()).toString(),
              null,
              null)
          .save(context.config.stateFile());
      context.purgeQueue();
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not disable telemetry: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println(
        "Telemetry disabled for " + context.tool() + ". Queued data and the anonymous id were deleted;"
            + " nothing will be recorded or sent.");
    return 0;
  }
}

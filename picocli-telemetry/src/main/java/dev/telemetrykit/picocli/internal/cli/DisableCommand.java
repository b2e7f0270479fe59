package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry disable}: the user says no; the queue is deleted and the anonymous id is no
 * longer used. Ids the collector accepted events under are kept only so those events can still be
 * deleted ({@link IdRetirement}); {@code --delete-data} deletes them right away.
 */
@Command(name = "disable", description = "Stop collecting usage data and delete what is queued.",
    mixinStandardHelpOptions = true)
final class DisableCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  @Option(names = "--delete-data",
      description = "Also ask the collector to delete the usage data already sent from here.")
  boolean deleteData;

  DisableCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    IdRetirement.Outcome outcome;
    try {
      String now = Instant.ofEpochMilli(context.time.epochMillis()).toString();
      outcome = IdRetirement.retire(context, deleteData, kept -> new ConsentRecord(
              ConsentState.DENIED, context.config.policyVersion(), now, null, null, kept)
          .save(context.config), out, spec.commandLine().getErr());
      IdRetirement.purgeGroup(context);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      spec.commandLine().getErr().println("Could not disable telemetry: " + e.getMessage());
      return 1;
    }
    if (outcome.kept().isEmpty()) {
      out.println("Telemetry disabled " + IdRetirement.scope(context) + ". Queued data and the anonymous id"
          + (context.config.grouped() ? "s" : "") + " were deleted; nothing will be recorded or sent.");
    } else {
      out.println("Telemetry disabled " + IdRetirement.scope(context) + ". Queued data was deleted;"
          + " nothing will be recorded or sent.");
      out.println(IdRetirement.whatStays(context));
    }
    return outcome.deletionFailed() ? 1 : 0;
  }
}

package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry reset}: forget the choice, the identity and the queue. Ids the collector
 * accepted events under are kept only so those events can still be deleted ({@link
 * IdRetirement}); {@code --delete-data} deletes them right away.
 */
@Command(name = "reset", description = "Delete the anonymous id and queued data, and ask again next time.",
    mixinStandardHelpOptions = true)
final class ResetCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  @Option(names = "--delete-data",
      description = "Also ask the collector to delete the usage data already sent from here.")
  boolean deleteData;

  ResetCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    IdRetirement.Outcome outcome;
    try {
      outcome = IdRetirement.retire(context, deleteData, kept -> {
        if (kept.isEmpty() && !context.config.grouped()) {
          Files.deleteIfExists(context.config.stateFile());
        } else {
          ConsentRecord.UNDECIDED.withPreviousUserIds(kept).save(context.config); // a group's answer too
        }
      }, out, spec.commandLine().getErr());
      IdRetirement.purgeGroup(context);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      spec.commandLine().getErr().println("Could not reset telemetry: " + e.getMessage());
      return 1;
    }
    if (outcome.kept().isEmpty()) {
      out.println("Telemetry reset " + IdRetirement.scope(context) + ": the anonymous id"
          + (context.config.grouped() ? "s" : "") + " and queued data were deleted."
          + " Nothing is recorded until you say yes again.");
    } else {
      out.println("Telemetry reset " + IdRetirement.scope(context) + ": queued data was deleted and the anonymous id"
          + " is no longer used. Nothing is recorded until you say yes again.");
      out.println(IdRetirement.whatStays(context));
    }
    return outcome.deletionFailed() ? 1 : 0;
  }
}

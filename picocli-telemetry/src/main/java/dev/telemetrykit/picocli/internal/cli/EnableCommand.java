package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.Identity;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry enable}: the user says yes. */
@Command(name = "enable", description = "Send anonymous usage data to help improve this tool.",
    mixinStandardHelpOptions = true)
final class EnableCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  EnableCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      ConsentRecord current;
      try {
        current = ConsentRecord.load(context.config);
      } catch (Exception unreadable) {
        current = ConsentRecord.UNDECIDED; // enabling rewrites a broken state file
      }
      String salt = current.salt() != null ? current.salt() : Identity.newSalt();
      new ConsentRecord(
              ConsentState.GRANTED,
              context.config.policyVersion(),
              Instant.ofEpochMilli(context.time.epochMillis()).toString(),
              salt,
              Identity.userId(salt),
              current.previousUserIds()) // still to delete at the collector, whatever the answer now
          .save(context.config);
      SyncState.startIfAbsent(context.config.syncStateFile(), context.time.epochMillis());
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not save your choice: " + e.getMessage());
      return 1;
    }
    out.println("Telemetry enabled " + IdRetirement.scope(context) + ". Thank you!");
    out.println("Anonymous usage data (commands, option names, durations, outcome, versions, platform)");
    out.println("is now recorded for the authors of " + context.tool() + " (collector: " + context.config.endpoint() + ").");
    out.println("See exactly what with '" + context.tool() + " telemetry show'; turn it off with '"
        + context.tool() + " telemetry disable'.");
    String overridden = context.consent().granted() ? null : context.consent().decidedBy();
    if (overridden != null) {
      out.println("Note: nothing is recorded for now, because of " + overridden + ".");
    }
    return 0;
  }
}

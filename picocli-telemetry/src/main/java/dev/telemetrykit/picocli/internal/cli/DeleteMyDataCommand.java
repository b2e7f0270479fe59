package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry delete-my-data}: asks the collector to delete everything stored under each id
 * this install sent events under (the current one, and the earlier ones that disable and reset
 * kept for this), and forgets an id only once the collector confirmed. When the current id's data
 * is gone, telemetry is reset here (new id, empty queue, not decided); a user who said no stays
 * opted out.
 */
@Command(name = "delete-my-data", description = "Ask the collector to delete all data sent from here, then reset.",
    mixinStandardHelpOptions = true)
final class DeleteMyDataCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  DeleteMyDataCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConsentRecord record;
    try {
      record = ConsentRecord.load(context.config);
    } catch (Exception e) {
      err.println("Could not read " + stateFile() + " (" + e.getMessage()
          + "), which holds the ids to delete; nothing was deleted.");
      return 1;
    }
    // Under the flush lock: no upload may store a batch after the deletion, or write its state
    // back after the purge.
    try (FlushLock lock = FlushLock.acquire(context.config.flushLockFile(), FlushCommand.LOCK_WAIT_MILLIS)) {
      if (lock == null) {
        err.println("An upload is still running; try again in a moment.");
        return 1;
      }
      SentIds sent = SentIds.read(context);
      Set<String> ids = new LinkedHashSet<>();
      if (record.userId() != null) {
        ids.add(record.userId());
      }
      ids.addAll(record.previousUserIds());
      ids.addAll(sent.ids());
      if (ids.isEmpty()) {
        out.println(sent.unsure()
            ? "No anonymous id is kept here, so there is nothing to ask the collector to delete."
            : "Nothing was sent from here, so there is nothing to delete.");
        return 0;
      }
      if (context.config.debug()) {
        err.println("Nothing is sent in debug mode (TELEMETRY_KIT_DEBUG).");
        return 1;
      }
      List<String> kept = new CollectorDeletion(context, out, err).delete(new ArrayList<>(ids), record.userId());
      forget(record, kept, out);
      return kept.isEmpty() ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted; the ids not yet deleted are kept.");
      return 1;
    } catch (Exception e) {
      err.println("Could not delete the data: " + e.getMessage());
      return 1;
    }
  }

  /** The file that holds the tool's ids: its state file, or its consent group's. */
  private java.nio.file.Path stateFile() {
    return context.config.grouped() ? context.config.groupStateFile() : context.config.stateFile();
  }

  /** Keeps only the ids in {@code kept}; resets telemetry if the current id's data is gone. */
  private void forget(ConsentRecord record, List<String> kept, PrintWriter out) throws Exception {
    if (record.userId() != null && kept.contains(record.userId())) {
      List<String> earlier = new ArrayList<>(kept);
      earlier.remove(record.userId());
      record.withPreviousUserIds(earlier).saveIdentity(context.config); // nothing is reset
      return;
    }
    if (record.state() == ConsentState.DENIED) {
      record.withPreviousUserIds(kept).saveIdentity(context.config); // still no
      return;
    }
    context.purgeQueue();
    if (context.config.grouped()) {
      // One tool's data is gone, not the user's answer for the group: a new id at its next recorded run.
      ConsentRecord.UNDECIDED.withPreviousUserIds(kept).saveIdentity(context.config);
      if (record.userId() != null) {
        out.println(context.tool() + " gets a new anonymous id; the answer of the consent group '"
            + context.config.consentGroup() + "' is unchanged.");
      }
      return;
    }
    if (kept.isEmpty()) {
      Files.deleteIfExists(context.config.stateFile());
    } else {
      ConsentRecord.UNDECIDED.withPreviousUserIds(kept).save(context.config.stateFile());
    }
    if (record.userId() != null) {
      out.println("Telemetry is reset: a new id, nothing queued, not decided.");
    }
  }
}

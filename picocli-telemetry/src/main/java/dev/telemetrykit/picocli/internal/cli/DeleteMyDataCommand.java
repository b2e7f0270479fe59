package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import dev.telemetrykit.picocli.internal.sync.SendResult;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry delete-my-data}: asks the collector to delete everything stored for this
 * user's id, then resets telemetry here (new id, empty queue, not decided).
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
    ConsentRecord record;
    try {
      record = ConsentRecord.load(context.config.stateFile());
    } catch (Exception e) {
      record = ConsentRecord.UNDECIDED;
    }
    if (record.userId() == null) {
      spec.commandLine().getOut().println("No anonymous id exists here, so no data was sent from here.");
      return 0;
    }
    if (context.config.debug()) {
      spec.commandLine().getErr().println("Nothing is sent in debug mode (TELEMETRY_KIT_DEBUG).");
      return 1;
    }
    // Under the flush lock: no upload may store a batch after the deletion, or write its state
    // back after the purge.
    try (FlushLock lock = FlushLock.acquire(context.config.flushLockFile(), FlushCommand.LOCK_WAIT_MILLIS)) {
      if (lock == null) {
        spec.commandLine().getErr().println("An upload is still running; try again in a moment.");
        return 1;
      }
      SendResult result = context.sender().deleteUser(record.userId());
      if (result.status() < 200 || result.status() >= 300) {
        spec.commandLine().getErr().println("The collector did not delete the data (HTTP " + result.status() + ").");
        return 1;
      }
      context.purgeQueue();
      Files.deleteIfExists(context.config.stateFile());
      spec.commandLine().getOut().println("The collector deleted " + deleted(result.body())
          + " events sent from here. Telemetry is reset: a new id, nothing queued, not decided.");
      return 0;
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not reach " + context.config.endpoint() + " ("
          + e.getClass().getSimpleName() + "); nothing was deleted. Try again later.");
      return 1;
    }
  }

  private static String deleted(String body) {
    try {
      Map<String, Object> json = Json.parseObject(body);
      Object n = json.get("deleted");
      return n == null ? "all" : n.toString();
    } catch (RuntimeException e) {
      return "all";
    }
  }
}

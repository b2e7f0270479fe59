package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.sync.BatchSender;
import dev.telemetrykit.picocli.internal.sync.SendResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks the collector to delete the events of each id, one {@code DELETE /users/{id}} each, and
 * tells the user what became of each. An id counts as deleted only on a 2xx: a collector that has
 * nothing for it answers {@code 200 {"deleted": 0}} (docs/protocol.md), so any other answer, a 404
 * included (most likely a wrong endpoint), keeps the id for another try. Once the collector cannot
 * be reached, the remaining ids are not tried: each attempt could wait out the timeout again.
 * Call with the flush lock held, so that no upload stores events behind a deletion.
 */
final class CollectorDeletion {
  private final TelemetryContext context;
  private final PrintWriter out;
  private final PrintWriter err;

  CollectorDeletion(TelemetryContext context, PrintWriter out, PrintWriter err) {
    this.context = context;
    this.out = out;
    this.err = err;
  }

  /**
   * Deletes {@code ids} at the collector.
   *
   * @param currentId the id in use now (named so in the report), or null
   * @return the ids the collector did not confirm deleting, in the order given
   */
  List<String> delete(List<String> ids, String currentId) throws InterruptedException {
    List<String> kept = new ArrayList<>();
    BatchSender sender = context.sender();
    String unreachable = null;
    boolean anyDeleted = false;
    for (String id : ids) {
      String which = id.equals(currentId) ? "the current anonymous id"
          : "an earlier anonymous id (" + id.substring(0, 8) + "...)";
      if (unreachable != null) {
        kept.add(id);
        continue;
      }
      try {
        SendResult result = sender.deleteUser(id);
        if (result.status() >= 200 && result.status() < 300) {
          out.println("The collector deleted " + deleted(result.body()) + " sent under " + which + ".");
          anyDeleted = true;
        } else {
          kept.add(id);
          err.println("The collector did not delete the events sent under " + which + " (HTTP "
              + result.status() + "); the id is kept so that '" + retry() + "' can try again later.");
        }
      } catch (IOException e) {
        kept.add(id);
        unreachable = e.getClass().getSimpleName();
        err.println((anyDeleted ? "Nothing more was deleted" : "Nothing was deleted") + ": cannot reach " + context.config.endpoint() + " (" + unreachable
            + "). The ids not yet deleted are kept so that '" + retry() + "' can try again later.");
      }
    }
    return kept;
  }

  private String retry() {
    return context.tool() + " telemetry delete-my-data";
  }

  /** "7 events", "1 event", or "all events" when the answer does not say. */
  private static String deleted(String body) {
    try {
      Map<String, Object> json = Json.parseObject(body);
      Object n = json.get("deleted");
      if (n instanceof Long) {
        return n + ((Long) n == 1 ? " event" : " events");
      }
    } catch (RuntimeException notJson) {
      // fall through
    }
    return "all events";
  }
}

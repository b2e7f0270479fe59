package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.queue.BatchPayload;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry show}: prints exactly the payload the next flush would send. */
@Command(name = "show", description = "Print exactly what the next upload would send (JSON).",
    mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  ShowCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<QueuedEvent> events = List.of();
    BatchPayload payload;
    try {
      if (context.hasQueue() || context.journal.size() > 0) {
        try (EventQueue queue = context.openQueueWithJournal()) {
          events = queue.nextBatch(BatchPayload.MAX_EVENTS);
        }
      }
      payload = BatchPayload.of(context.tool(), context.version.get(), events);
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not read the queue: " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println(payload.pretty());
    if (events.isEmpty()) {
      spec.commandLine().getErr().println("No events are queued.");
    }
    return 0;
  }
}

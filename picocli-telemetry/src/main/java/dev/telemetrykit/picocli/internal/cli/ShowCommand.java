package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.queue.BatchPayload;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import java.util.List;
import java.util.concurrent.Callable;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.SentBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry show}: prints exactly the payload the next flush would send. */
@Command(name = "show", description = "Print exactly what the next upload would send (JSON).",
    mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  @Option(names = "--sent", description = "Show the batches sent most recently instead, with the collector's answers.")
  boolean sent;

  ShowCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (sent) {
      return showSent();
    }
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

  private int showSent() {
    List<SentBatch> batches = List.of();
    try {
      if (context.hasQueue()) {
        try (EventQueue queue = EventQueue.open(context.config.databaseFile())) {
          batches = queue.sentLog().recent(20);
        }
      }
    } catch (Exception e) {
      spec.commandLine().getErr().println("Could not read the queue: " + e.getMessage());
      return 1;
    }
    List<Object> out = new ArrayList<>();
    for (SentBatch b : batches) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("sent_at", Instant.ofEpochMilli(b.sentAt()).toString());
      entry.put("events", b.events());
      entry.put("answer", b.outcome());
      entry.put("payload", Json.parse(b.body()));
      out.add(entry);
    }
    spec.commandLine().getOut().println(Json.pretty(out));
    if (batches.isEmpty()) {
      spec.commandLine().getErr().println("Nothing was sent yet.");
    }
    return 0;
  }
}

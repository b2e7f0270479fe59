package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.sync.Backoff;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import dev.telemetrykit.picocli.internal.sync.Flusher;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code telemetry flush}: uploads what is queued now, in the foreground. */
@Command(name = "flush", description = "Send queued usage data now.", mixinStandardHelpOptions = true)
final class FlushCommand implements Callable<Integer> {
  /** A foreground upload may wait this long for a background one to finish. */
  static final long LOCK_WAIT_MILLIS = 35_000L;
  static final long FLUSH_MILLIS = 60_000L;

  private final TelemetryContext context;
  @Spec CommandSpec spec;

  FlushCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!context.consent().granted()) {
      err.println("Nothing is sent: telemetry is not enabled (" + context.consent().decidedBy() + ").");
      return 1;
    }
    if (context.config.debug()) {
      err.println("Nothing is sent in debug mode (TELEMETRY_KIT_DEBUG).");
      return 1;
    }
    boolean terminal = HostEnvironment.terminals();
    try (FlushLock lock = FlushLock.acquire(context.config.flushLockFile(), LOCK_WAIT_MILLIS)) {
      if (lock == null) {
        err.println("Another upload is still running; try again in a moment.");
        return 1;
      }
      Flusher flusher = new Flusher(context.config, context.sender(), new Backoff(
          () -> ThreadLocalRandom.current().nextDouble()), context.time, EventIds.newId(context.time.epochMillis()));
      Flusher.Outcome outcome;
      try {
        outcome = flusher.flush(context.time.epochMillis() + FLUSH_MILLIS, sent -> {
          if (terminal) {
            out.print("\rSent " + sent + " events…");
            out.flush();
          }
        });
      } catch (SQLException e) {
        // Locked by another program, read-only, or full: the user can act on SQLite's own words.
        err.println("Nothing was sent: could not use the queue: " + e.getMessage() + ". It stays as it is.");
        return 1;
      }
      if (terminal && outcome.sent() > 0) {
        out.println();
      }
      out.println("Sent " + outcome.sent() + " events in " + outcome.batches()
          + (outcome.batches() == 1 ? " batch" : " batches") + " to "
          + context.config.endpoint() + (outcome.dropped() > 0 ? "; " + outcome.dropped() + " dropped" : "") + ".");
      if (outcome.problem() != null) {
        err.println("Not everything was sent: " + outcome.problem()
            + (outcome.retryLater() ? ". It stays queued." : "."));
        return 1;
      }
      return 0;
    }
  }
}

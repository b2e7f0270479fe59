package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.sync.Backoff;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import dev.telemetrykit.picocli.internal.sync.Flusher;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry flush}: uploads what is queued now, in the foreground. A failure of any kind is
 * one line on stderr and exit 1, never a stack trace: the user runs this to see what happens.
 */
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
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!context.consent().granted()) {
      err.println("Nothing is sent: telemetry is not enabled (" + context.consent().decidedBy() + ").");
      return 1;
    }
    if (context.config.debug()) {
      err.println("Nothing is sent in debug mode (TELEMETRY_KIT_DEBUG).");
      return 1;
    }
    String blocked = context.config.endpointProblem();
    if (blocked == null) {
      blocked = Problems.dataDirectoryProblem(context.config.home());
    }
    if (blocked != null) {
      err.println("Nothing was sent: " + blocked + ".");
      return 1;
    }
    int[] sent = {0};
    try {
      return flush(sent);
    } catch (SQLException e) {
      // Locked by another program, read-only, or full: the user can act on SQLite's own words.
      err.println(sentSoFar(sent[0]) + "could not use the queue: " + e.getMessage() + " ("
          + context.config.databaseFile() + "). It stays as it is.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(sentSoFar(sent[0]) + "interrupted. The events stay queued.");
    } catch (Exception e) {
      err.println(sentSoFar(sent[0]) + reason(e) + ". The events stay queued.");
    }
    return 1;
  }

  private int flush(int[] sent) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean terminal = HostEnvironment.terminals();
    try (FlushLock lock = FlushLock.acquire(context.config.flushLockFile(), LOCK_WAIT_MILLIS)) {
      if (lock == null) {
        err.println("Another upload is still running; try again in a moment.");
        return 1;
      }
      Flusher flusher = new Flusher(context.config, context.sender(), new Backoff(
          () -> ThreadLocalRandom.current().nextDouble()), context.time, EventIds.newId(context.time.epochMillis()));
      Flusher.Outcome outcome = flusher.flush(context.time.epochMillis() + FLUSH_MILLIS, n -> {
        sent[0] = n;
        if (terminal) {
          out.print("\rSent " + n + " events…");
          out.flush();
        }
      });
      if (terminal && outcome.sent() > 0) {
        out.println();
      }
      String summary = "Sent " + outcome.sent() + " events in " + outcome.batches()
          + (outcome.batches() == 1 ? " batch" : " batches") + " to " + context.config.endpoint();
      if (outcome.problem() == null) {
        out.println(summary + (outcome.dropped() > 0 ? "; " + outcome.dropped() + " dropped" : "") + ".");
        return 0;
      }
      err.println((outcome.sent() == 0 ? "Nothing was sent: " : summary + ", but not everything: ")
          + outcome.problem() + "." + (!outcome.retryLater() ? "" : outcome.sent() == 0
              ? " The events stay queued." : " The rest stays queued."));
      return 1;
    }
  }

  private static String sentSoFar(int sent) {
    return sent == 0 ? "Nothing was sent: " : "Sent " + sent + " events, then stopped: ";
  }

  /** What went wrong, in words a user can act on: the file and the system's reason, not a stack trace. */
  static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + ((FileSystemException) e).getFile();
    }
    if (e instanceof NoSuchFileException) {
      return ((FileSystemException) e).getFile() + " does not exist";
    }
    if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
  }
}

package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.files.DataHome;
import dev.telemetrykit.picocli.internal.files.SafeFiles;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.SentBatch;
import dev.telemetrykit.picocli.internal.run.ProblemNote;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import dev.telemetrykit.picocli.internal.sync.UploadStart;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code telemetry status}: the effective state, which setting decided it, where the data lives,
 * how much is queued, and any problem telemetry has run into. Problems are found by looking
 * (can the directory be written, does the queue open), because a run that failed to record had
 * nowhere to write that it failed.
 */
@Command(name = "status", description = "Show whether usage data is collected, and why.",
    mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
  private final TelemetryContext context;
  @Spec CommandSpec spec;

  StatusCommand(TelemetryContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    EffectiveConsent consent = context.consent();
    List<String> problems = new ArrayList<>();
    if (consent.problem() != null) {
      problems.add(consent.problem());
    }
    out.println("Telemetry for " + context.tool() + ": " + describe(consent.state()));
    out.println("  decided by:  " + consent.decidedBy());
    out.println("  endpoint:    " + context.config.endpoint() + " (" + context.config.endpointSource() + ")");
    if (context.config.grouped()) {
      out.println("  shared:      the answer is shared by every tool of the consent group '"
          + context.config.consentGroup() + "'; each keeps its own anonymous id");
      out.println("  state file:  " + context.config.groupStateFile());
    } else {
      out.println("  state file:  " + context.config.stateFile());
    }
    out.println("  queue:       " + context.config.databaseFile());
    out.println("  queued:      " + queued(problems));
    int earlier = earlierIds(consent);
    if (earlier > 0) {
      out.println("  earlier ids: " + earlier + " kept only to delete what was sent under them ('"
          + context.tool() + " telemetry delete-my-data')");
    }
    SyncState sync = SyncState.load(context.config.syncStateFile());
    out.println("  last upload: " + (sync.lastAttempt() == 0 ? "never"
        : sync.failures() > 0 ? "failed " + when(sync.lastAttempt()) : "succeeded " + when(sync.lastSuccess())));
    long next = Math.max(sync.nextAttempt(), sync.lastSuccess() + context.config.flushIntervalSeconds() * 1000L);
    out.println("  next upload: " + (!consent.granted() ? "none (telemetry is not enabled)"
        : sync.nextAttempt() > 0 ? "not before " + when(sync.nextAttempt()) + " (after "
            + sync.failures() + (sync.failures() == 1 ? " failure" : " failures") + ")"
        : "when " + context.config.flushAtEvents() + " events wait, or at " + when(next)));
    if (sync.lastError() != null) {
      out.println("  last error:  " + sync.lastError());
    }
    problems.addAll(Problems.of(context.config));
    checkUntrustedFiles(problems);
    checkCorruptCopy(problems);
    checkInvalidEvents(problems);
    String notStarted = UploadStart.problem(context.config, System.currentTimeMillis());
    if (notStarted != null) {
      problems.add(notStarted);
    }
    if (problems.isEmpty()) {
      out.println("  problems:    none");
    } else {
      out.println("  problems:");
      for (String p : problems) {
        out.println("    - " + p);
      }
    }
    return 0;
  }

  /**
   * How many earlier anonymous ids the state file keeps for deletion at the collector: a count,
   * never the ids. Read even when an opt-out decided, unless the data directory is not to be read.
   */
  private int earlierIds(EffectiveConsent consent) {
    if (!consent.record().previousUserIds().isEmpty() || consent.problem() != null
        || DataHome.refusal(context.config.home()) != null) {
      return consent.record().previousUserIds().size();
    }
    try {
      return ConsentRecord.load(context.config).previousUserIds().size();
    } catch (Exception unreadable) {
      return 0; // the state file's problem is reported on its own
    }
  }

  private String queued(List<String> problems) {
    int journaled = context.journal.eventCount(); // a file holds a run's event and its custom events
    if (!context.hasQueue()) {
      return journaled + " events";
    }
    try (EventQueue queue = EventQueue.open(context.config.databaseFile())) {
      int inQueue = queue.size();
      long overflow = queue.counter(EventQueue.DROPPED_OVERFLOW);
      long malformed = queue.counter(EventQueue.DROPPED_MALFORMED);
      long rejected = queue.counter(EventQueue.DROPPED_REJECTED) + queue.counter(EventQueue.DROPPED_TOO_LARGE);
      String text = (inQueue + journaled) + " events (" + journaled + " not yet moved into the queue)";
      if (overflow + malformed + rejected > 0) {
        text += "; dropped: " + overflow + " because the queue was full, " + malformed + " unreadable, "
            + rejected + " refused by the collector";
      }
      if (rejected > 0) {
        lastRejection(queue, problems);
      }
      return text;
    } catch (Exception e) {
      problems.add("the queue cannot be opened: " + e.getMessage());
      return journaled + " events in the journal; the queue is unreadable";
    }
  }

  /** The latest batch of the sent log with events the collector rejected (or would have), and why. */
  private static void lastRejection(EventQueue queue, List<String> problems) throws java.sql.SQLException {
    for (SentBatch batch : queue.sentLog().recent(20)) {
      if (batch.outcome().contains("rejected ") || batch.outcome().startsWith("not sent:")
          || batch.outcome().startsWith("400") || batch.outcome().startsWith("422")) {
        problems.add("events were refused on " + when(batch.sentAt()) + ": " + batch.outcome()
            + " (telemetry show --sent shows them)");
        return;
      }
    }
  }

  /** A data directory others could write, or a link planted where telemetry keeps a file. */
  private void checkUntrustedFiles(List<String> problems) {
    String refused = DataHome.refusal(context.config.home());
    List<Path> ours = new ArrayList<>(SafeFiles.databaseFiles(context.config.databaseFile()));
    ours.add(context.config.journalDirectory());
    Path link = SafeFiles.firstLink(ours);
    String problem = refused != null ? refused : link != null ? SafeFiles.linked(link) : null;
    if (problem != null && !problems.contains(problem)) {
      problems.add(problem);
    }
  }

  private void checkCorruptCopy(List<String> problems) {
    File corrupt = EventQueue.corruptCopy(context.config.databaseFile()).toFile();
    if (corrupt.exists()) {
      problems.add("the queue was corrupt and was moved aside to " + corrupt + " on "
          + Instant.ofEpochMilli(corrupt.lastModified()) + "; a new queue was started");
    }
  }

  private void checkInvalidEvents(List<String> problems) {
    ProblemNote note = ProblemNote.load(context.config.problemNoteFile());
    if (note != null) {
      problems.add(context.tool() + " passed " + note.count() + (note.count() == 1 ? " invalid event" : " invalid events")
          + " to telemetry, last on " + when(note.lastMillis()) + "; they were not recorded (a mistake in "
          + context.tool() + ", which TELEMETRY_KIT_DEBUG=1 shows)");
    }
  }

  private static String when(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  private static String describe(ConsentState state) {
    switch (state) {
      case GRANTED: return "enabled";
      case DENIED: return "disabled";
      default: return "not decided (nothing is collected)";
    }
  }
}

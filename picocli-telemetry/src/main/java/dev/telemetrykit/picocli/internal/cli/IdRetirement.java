package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.GroupConsent;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

/**
 * What {@code telemetry disable} and {@code telemetry reset} share: the anonymous id stops being
 * used, the queue is purged, and the ids events were accepted under are kept in the state file so
 * that {@code delete-my-data} can still have them deleted; with {@code --delete-data} the
 * collector is asked first thing after.
 *
 * <p>The new state is saved before any request, so the user's choice holds even if the collector
 * hangs and they interrupt. The flush lock is waited for only briefly: a running upload may add to
 * what was sent, so without the lock the current id is kept whatever the queue says.
 */
final class IdRetirement {
  /** How long disable and reset wait for a running upload to finish. */
  static final long LOCK_WAIT_MILLIS = 5_000L;

  /** Saves the command's new state with {@code kept} as the ids still to delete. */
  interface Store {
    void save(List<String> kept) throws IOException;
  }

  /**
   * @param kept the ids still to delete at the collector
   * @param deletionFailed whether {@code --delete-data} was asked for and did not delete everything
   */
  record Outcome(List<String> kept, boolean deletionFailed) {}

  private IdRetirement() {}

  static Outcome retire(TelemetryContext context, boolean deleteData, Store store, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    ConsentRecord current;
    try {
      current = ConsentRecord.load(context.config);
    } catch (Exception unreadable) {
      current = ConsentRecord.UNDECIDED; // disable and reset rewrite a broken state file
    }
    // Every upload takes the flush lock, creating its file: without the file nothing was ever
    // uploaded from here, and no lock file is left behind by a reset of a tool that never sent.
    boolean uploadedBefore = Files.exists(context.config.flushLockFile());
    try (FlushLock lock = uploadedBefore ? lock(context) : null) {
      boolean unlocked = uploadedBefore && lock == null;
      List<String> kept = (unlocked ? SentIds.UNKNOWN : SentIds.read(context)).toKeep(current);
      store.save(kept);
      context.purgeQueue();
      if (!uploadedBefore && Files.exists(context.config.flushLockFile())
          && current.userId() != null && !kept.contains(current.userId())) {
        kept.add(current.userId()); // an upload started meanwhile: it may have sent under this id
        store.save(kept);
      }
      if (!deleteData || kept.isEmpty()) {
        return new Outcome(kept, false);
      }
      if (context.config.debug() || unlocked) {
        err.println("Nothing was deleted at the collector: " + (context.config.debug()
            ? "nothing is sent in debug mode (TELEMETRY_KIT_DEBUG)." : "an upload is still running."));
        return new Outcome(kept, true);
      }
      List<String> left = new CollectorDeletion(context, out, err).delete(kept, current.userId());
      store.save(left);
      return new Outcome(left, !left.isEmpty());
    }
  }

  /** The flush lock, or null when an upload keeps it or it cannot be taken (disable must work regardless). */
  private static FlushLock lock(TelemetryContext context) throws InterruptedException {
    try {
      return FlushLock.acquire(context.config.flushLockFile(), LOCK_WAIT_MILLIS);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: OverlappingFileLockException, when an upload in this very JVM holds it
      return null;
    }
  }

  /**
   * Deletes the queues of the other tools of the consent group, whose ids {@code disable} or
   * {@code reset} in this tool retired with the group's answer; returns them, for the message.
   */
  static List<String> purgeGroup(TelemetryContext context) throws IOException {
    if (!context.config.grouped()) {
      return List.of();
    }
    List<String> others = GroupConsent.otherMembers(context.config);
    for (String other : others) {
      new TelemetryContext(context.config.forTool(other), context.version, context.time).purgeQueue();
    }
    return others;
  }

  /**
   * How {@code enable}, {@code disable} and {@code reset} name what they apply to: the tool, or
   * every tool of its consent group, e.g. {@code for the consent group 'acme' (acme-build, acme-deploy)}.
   */
  static String scope(TelemetryContext context) {
    if (!context.config.grouped()) {
      return "for " + context.tool();
    }
    List<String> tools = new java.util.ArrayList<>(List.of(context.tool()));
    tools.addAll(GroupConsent.otherMembers(context.config));
    return "for every tool of the consent group '" + context.config.consentGroup() + "' (so far: "
        + String.join(", ", tools) + ")";
  }

  /** The one sentence that says what stays at the collector, and how to delete it. */
  static String whatStays(TelemetryContext context) {
    return "The events already sent stay at the collector; '" + context.tool()
        + " telemetry delete-my-data' asks it to delete them.";
  }
}

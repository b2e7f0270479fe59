package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.ConsentQuestion;
import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.Identity;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.queue.BatchPayload;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * Asks an undecided user, once, right before their command runs, and stores the answer. A yes
 * records the very run that asked.
 *
 * <p>The identity is made before asking, so "show me the data" shows the {@code user_id} that
 * would really be sent; it is stored only on a yes.
 */
public final class ConsentAsker {
  private final TelemetryConfig config;
  private final ConsentRecord current;
  private final VersionSource version;
  private final HostEnvironment host;
  private final Diagnostics diagnostics;

  public ConsentAsker(
      TelemetryConfig config,
      ConsentRecord current,
      VersionSource version,
      HostEnvironment host,
      Diagnostics diagnostics) {
    this.config = config;
    this.current = current;
    this.version = version;
    this.host = host;
    this.diagnostics = diagnostics;
  }

  /** Asks about the run {@code parseResult} and returns its recorder if the user said yes. */
  Recorder ask(ParseResult parseResult) {
    try {
      String salt = current.salt() != null ? current.salt() : Identity.newSalt();
      String userId = Identity.userId(salt);
      // One recorder for the preview and the recording, so "show me the data" shows the session
      // id this run's event will carry.
      Recorder recorder = Recorder.create(config, userId, version, host, diagnostics, true);
      ConsentState answer =
          host.consentPrompt().ask(question(), () -> payload(recorder, parseResult));
      String now = Instant.ofEpochMilli(host.time().epochMillis()).toString();
      if (answer == ConsentState.GRANTED) {
        new ConsentRecord(ConsentState.GRANTED, config.policyVersion(), now, salt, userId).save(config.stateFile());
        SyncState.startIfAbsent(config.syncStateFile(), host.time().epochMillis());
        Recorder.activate(recorder);
        return recorder;
      }
      if (answer == ConsentState.DENIED) {
        new ConsentRecord(ConsentState.DENIED, config.policyVersion(), now, null, null).save(config.stateFile());
      }
    } catch (Exception e) {
      diagnostics.failed("asking for consent", e);
    }
    return null;
  }

  private ConsentQuestion question() {
    return new ConsentQuestion(
        config.toolName(),
        EventSchema.collectedLines(),
        EventSchema.NEVER_COLLECTED,
        config.privacyUrl().isEmpty() ? null : config.privacyUrl(),
        config.toolName() + " telemetry disable",
        Duration.ofSeconds(config.promptTimeoutSeconds()));
  }

  /** The batch the next flush would send if the user says yes: what is queued, then this run. */
  private String payload(Recorder preview, ParseResult parseResult) {
    List<QueuedEvent> events = new ArrayList<>(queued());
    long now = host.time().epochMillis();
    String json = preview.toJson("command_executed", CommandInterceptor.fields(parseResult, 0, null, 0), now);
    events.add(new QueuedEvent("preview", "command_executed", now, version.get(), json));
    return BatchPayload.of(config.toolName(), version.get(), events).compact();
  }

  private List<QueuedEvent> queued() {
    Journal journal = new Journal(config.journalDirectory().toFile());
    if (!Files.exists(config.databaseFile()) && journal.size() == 0) {
      return List.of();
    }
    try (EventQueue queue = JournalImporter.openWithJournal(
        config.databaseFile(), journal, config.maxQueuedEvents(), host.time().epochMillis())) {
      return queue.nextBatch(BatchPayload.MAX_EVENTS - 1);
    } catch (Exception e) {
      diagnostics.failed("reading the queue for the consent box", e);
      return List.of();
    }
  }
}

package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.internal.ChildJvm;
import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.ManagementMain;
import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.ConsentQuestion;
import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.Identity;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.BatchPayload;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.queue.QueuedEvent;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Asks an undecided user, once, right before their command runs, and stores the answer. A yes
 * records the very run that asked.
 *
 * <p>The identity is made before asking, so "show me the data" shows the {@code user_id} that
 * would really be sent; it is stored only on a yes.
 */
public final class ConsentAsker {
  /** The package of the {@code telemetry} command's classes. */
  private static final String TELEMETRY_COMMANDS = "dev.telemetrykit.picocli.internal.cli.";

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
          host.consentPrompt().ask(question(parseResult), () -> payload(recorder, parseResult));
      String now = Instant.ofEpochMilli(host.time().epochMillis()).toString();
      if (answer == ConsentState.GRANTED) {
        new ConsentRecord(ConsentState.GRANTED, config.policyVersion(), now, salt, userId, current.previousUserIds())
            .save(config);
        SyncState.startIfAbsent(config.syncStateFile(), host.time().epochMillis());
        Recorder.activate(recorder);
        return recorder;
      }
      if (answer == ConsentState.DENIED) {
        new ConsentRecord(ConsentState.DENIED, config.policyVersion(), now, null, null, current.previousUserIds())
            .save(config);
      }
    } catch (Exception e) {
      diagnostics.failed("asking for consent", e);
    }
    return null;
  }

  /** The box's words for this app: what the SDK records of any run of any of its commands. */
  private ConsentQuestion question(ParseResult parseResult) {
    List<String> recordedValues = recordedValueOptions(parseResult.commandSpec().root(), config.command());
    return new ConsentQuestion(
        config.toolName(),
        EventSchema.collectedLines(recordedValues),
        EventSchema.neverCollected(recordedValues),
        config.privacyUrl().isEmpty() ? null : config.privacyUrl(),
        config.manage("disable"),
        Duration.ofSeconds(config.promptTimeoutSeconds()),
        EventSchema.PREVIEW_NOTE,
        config.grouped() ? config.consentGroup() : null);
  }

  /**
   * The options, by longest name and each name once, whose values a run of some command of the
   * tool records: the whole tree, not only the command that asks, because the answer covers
   * every later run. Decided by the rule the recording itself uses.
   */
  static List<String> recordedValueOptions(CommandSpec root, String managementCommand) {
    Set<String> names = new LinkedHashSet<>();
    Set<CommandSpec> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<CommandSpec> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      CommandSpec spec = pending.removeFirst();
      // A command under several names (aliases) is listed under each: visit it once.
      if (!seen.add(spec) || spec.name().equals(managementCommand) && isTelemetryCommand(spec)) {
        continue;
      }
      for (OptionSpec option : spec.options()) {
        if (!option.usageHelp() && !option.versionHelp() && CommandInterceptor.valueIsRecordable(option)) {
          names.add(option.longestName());
        }
      }
      for (CommandLine sub : spec.subcommands().values()) {
        pending.addLast(sub.getCommandSpec());
      }
    }
    return List.copyOf(names);
  }

  /**
   * The SDK's own {@code telemetry} command (listed with {@code showInHelp}): its runs are never
   * recorded. Asked only of the command of that name, since asking Picocli for a command's object
   * creates it, and the run may never use the others.
   */
  private static boolean isTelemetryCommand(CommandSpec spec) {
    Object command = spec.userObject();
    return command != null && command.getClass().getName().startsWith(TELEMETRY_COMMANDS);
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
    if (host.nativeAccessRestricted()) {
      List<QueuedEvent> shown = queuedInChildJvm();
      if (shown != null) {
        return shown;
      }
    }
    try (EventQueue queue = JournalImporter.openWithJournal(
        config.databaseFile(), journal, config.maxQueuedEvents(), host.time().epochMillis())) {
      return queue.nextBatch(BatchPayload.MAX_EVENTS - 1);
    } catch (Exception e) {
      diagnostics.failed("reading the queue for the consent box", e);
      return List.of();
    }
  }

  /**
   * The queued events as {@code telemetry show} prints them, from a JVM with native access: in
   * this one, opening SQLite would print the JDK's restricted-method warning into the box. Null
   * when that JVM cannot be had.
   */
  @SuppressWarnings("unchecked")
  private List<QueuedEvent> queuedInChildJvm() {
    StringWriter out = new StringWriter();
    Integer exitCode = ChildJvm.run(ManagementMain.class.getName(),
        ManagementMain.arguments(config, version.get(), config.manageCommand(), new String[] {"show"}),
        host, new PrintWriter(out), new PrintWriter(Writer.nullWriter()));
    if (exitCode == null || exitCode != 0) {
      return null;
    }
    try {
      List<QueuedEvent> events = new ArrayList<>();
      for (Object item : (List<Object>) Json.parseObject(out.toString()).get("events")) {
        Map<String, Object> event = (Map<String, Object>) item;
        Map<String, Object> metadata = (Map<String, Object>) event.get("metadata");
        events.add(new QueuedEvent((String) event.get("event_id"), (String) event.get("event_type"),
            ((Number) event.get("timestamp")).longValue(), String.valueOf(metadata.get("version")), Json.compact(event)));
      }
      return events.size() < BatchPayload.MAX_EVENTS ? events : events.subList(0, BatchPayload.MAX_EVENTS - 1);
    } catch (RuntimeException e) {
      diagnostics.failed("reading the queue for the consent box", e);
      return null;
    }
  }
}

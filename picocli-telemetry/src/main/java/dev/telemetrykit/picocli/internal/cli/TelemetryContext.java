package dev.telemetrykit.picocli.internal.cli;

import dev.telemetrykit.picocli.internal.VersionSource;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.EffectiveConsent;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import dev.telemetrykit.picocli.internal.sync.BatchSender;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.sql.SQLException;

/** What the {@code telemetry} subcommands share: the tool's configuration and its files. */
final class TelemetryContext {
  final TelemetryConfig config;
  final VersionSource version;
  final TimeSource time;
  final Journal journal;

  TelemetryContext(TelemetryConfig config, VersionSource version, TimeSource time) {
    this.config = config;
    this.version = version;
    this.time = time;
    this.journal = new Journal(config.journalDirectory().toFile());
  }

  EffectiveConsent consent() {
    return EffectiveConsent.resolve(config);
  }

  /** The tool's name as the user types it, for hints like "run sample-cli telemetry enable". */
  String tool() {
    return config.toolName();
  }

  /** Whether a queue database exists (nothing is created just to look). */
  boolean hasQueue() {
    return Files.exists(config.databaseFile());
  }

  /** Opens the queue and moves the journal into it. */
  EventQueue openQueueWithJournal() throws SQLException, IOException {
    return JournalImporter.openWithJournal(
        config.databaseFile(), journal, config.maxQueuedEvents(), time.epochMillis());
  }

  /** Talks to the collector. */
  BatchSender sender() {
    return BatchSender.of(config);
  }

  /** Deletes the queue, any corrupt copy of it, and the journal: what disable and reset purge. */
  void purgeQueue() throws IOException {
    EventQueue.deleteFiles(config.databaseFile());
    Files.deleteIfExists(EventQueue.corruptCopy(config.databaseFile()));
    Files.deleteIfExists(config.syncStateFile());
    Files.deleteIfExists(config.problemNoteFile());
    journal.deleteAll();
  }
}

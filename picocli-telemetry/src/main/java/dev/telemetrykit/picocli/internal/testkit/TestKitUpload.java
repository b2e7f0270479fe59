package dev.telemetrykit.picocli.internal.testkit;

import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.event.EventIds;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalOutbox;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import dev.telemetrykit.picocli.internal.sync.Backoff;
import dev.telemetrykit.picocli.internal.sync.BatchSender;
import dev.telemetrykit.picocli.internal.sync.Flusher;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * The test kit's upload: sends what waits in each tool's journal in the kit's directory to the
 * kit's stand-in collector, now and in the test's thread, with the SDK's own batching and answer
 * handling ({@link Flusher}) and without SQLite.
 */
public final class TestKitUpload {
  private static final long DEADLINE_MILLIS = 30_000L;
  /** The SDK's default cap ({@code @TelemetryEnabled(maxQueuedEvents)}): far above what a test records. */
  private static final int CAP = 10_000;

  private TestKitUpload() {}

  /**
   * What an upload did.
   *
   * @param sent the events the collector accepted
   * @param problem what went wrong, or null
   */
  public record Result(int sent, String problem) {}

  /**
   * Uploads the journals of {@code tools} in {@code home} to {@code endpoint}.
   *
   * @throws IOException when a journal cannot be read or written
   */
  public static Result upload(Path home, Iterable<String> tools, String endpoint) throws IOException {
    int sent = 0;
    String problem = null;
    for (String tool : tools) {
      TelemetryAnnotation declared = new TelemetryAnnotation(tool, "", endpoint, "", 1, CAP, false, "", 0, 1, 0);
      TelemetryConfig config = TelemetryConfig.from(declared, tool, Map.of("TELEMETRY_KIT_HOME", home.toString()),
          home, System.getProperty("os.name", ""), null);
      Flusher flusher = new Flusher(config, new BatchSender(endpoint, config.ingestKey(), Duration.ofSeconds(5), Duration.ofSeconds(10)),
          new Backoff(() -> 0.5), TimeSource.SYSTEM, EventIds.newId(System.currentTimeMillis()));
      try {
        Flusher.Outcome outcome = flusher.flush(new JournalOutbox(new Journal(config.journalDirectory().toFile()), CAP),
            System.currentTimeMillis() + DEADLINE_MILLIS, n -> { });
        sent += outcome.sent();
        problem = problem != null ? problem : outcome.problem();
      } catch (SQLException e) {
        throw new IOException(e); // the journal's outbox has no database: not expected
      }
    }
    return new Result(sent, problem);
  }
}

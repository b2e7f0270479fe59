package dev.telemetrykit.picocli.compat;

import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.Identity;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The consent states a run is compared in, and the one place that writes them into a data
 * directory: through the SDK's own state-file record, not through its {@code telemetry} command.
 */
enum ConsentStates {
  /** The user said yes: every run records exactly one event. */
  GRANTED(1),
  /** The user said no. */
  DENIED(0),
  /** Never asked, and nobody to ask (not interactive). */
  UNDECIDED(0),
  /** The user said yes, but {@code DO_NOT_TRACK=1} is set: the variable wins. */
  DO_NOT_TRACK(0);

  /** The {@code command_executed} events one run with telemetry must leave. */
  final int expectedEvents;

  ConsentStates(int expectedEvents) {
    this.expectedEvents = expectedEvents;
  }

  /** The policy version of {@code @TelemetryEnabled} when the app does not set one. */
  private static final int POLICY_VERSION = 1;

  /**
   * Prepares the data directory {@code home} of {@code tool} for this state, and returns the
   * environment variables a run in this state sees.
   *
   * @param now the host clock's time: the upload schedule starts then, so no run starts an upload
   */
  Map<String, String> prepare(Path home, String tool, long now) {
    Map<String, String> env = new HashMap<>();
    env.put("TELEMETRY_KIT_HOME", home.toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", home.resolveSibling("no-policy.json").toString());
    try {
      Files.createDirectories(home);
      switch (this) {
        case GRANTED -> granted(home, tool, now);
        case DENIED -> new ConsentRecord(ConsentState.DENIED, POLICY_VERSION, "2026-01-01T00:00:00Z", null, null)
            .save(stateFile(home, tool));
        case UNDECIDED -> { }
        case DO_NOT_TRACK -> {
          granted(home, tool, now);
          env.put("DO_NOT_TRACK", "1");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }

  private static void granted(Path home, String tool, long now) throws IOException {
    String salt = Identity.newSalt();
    new ConsentRecord(ConsentState.GRANTED, POLICY_VERSION, "2026-01-01T00:00:00Z", salt, Identity.userId(salt))
        .save(stateFile(home, tool));
    // As 'telemetry enable' does: the first upload is due an interval later, not on this run.
    new SyncState(now, 0, 0, 0, null).save(home.resolve(tool + ".sync.json"));
  }

  private static Path stateFile(Path home, String tool) {
    return home.resolve(tool + ".json");
  }

  String label() {
    return name().toLowerCase().replace('_', '-');
  }
}

package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When an ordinary run starts an upload, and what the schedule file keeps. */
class SyncStateTest {
  static final long HOUR = 3_600_000L;
  static final TelemetryConfig CONFIG = TelemetryConfig.from(
      new TelemetryAnnotation("", "", "http://127.0.0.1:1", "", 1, 10_000, false, "telemetry", 3600, 100, 250), "my-cli", Map.of(),
      Path.of("/h"));

  @Test
  void dueAfterTheIntervalSinceTheLastSuccess() {
    SyncState state = new SyncState(1_000_000, 1_000_000, 0, 0, null);
    assertThat(state.isDue(CONFIG, 1, 1_000_000 + HOUR - 1)).isFalse();
    assertThat(state.isDue(CONFIG, 1, 1_000_000 + HOUR)).isTrue();
  }

  @Test
  void dueAsSoonAsEnoughEventsWait() {
    SyncState state = new SyncState(1_000_000, 1_000_000, 0, 0, null);
    assertThat(state.isDue(CONFIG, 99, 1_000_001)).isFalse();
    assertThat(state.isDue(CONFIG, 100, 1_000_001)).isTrue();
  }

  @Test
  void neverDueDuringBackoffWhateverWaits() {
    SyncState state = new SyncState(0, 5_000, 10 * HOUR, 3, "HTTP 503");
    assertThat(state.isDue(CONFIG, 10_000, 10 * HOUR - 1)).isFalse();
    assertThat(state.isDue(CONFIG, 1, 10 * HOUR)).isTrue();
  }

  @Test
  void roundTripsThroughItsFileAndStartsOnlyOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.sync.json");
    SyncState.startIfAbsent(file, 42);
    SyncState.startIfAbsent(file, 99);
    assertThat(SyncState.load(file)).isEqualTo(new SyncState(42, 0, 0, 0, null));
    SyncState failed = SyncState.load(file).failed(50, 70, "HTTP 500");
    failed.save(file);
    assertThat(SyncState.load(file)).isEqualTo(failed);
  }

  @Test
  void unreadableFileMeansNeverSynced(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.sync.json");
    java.nio.file.Files.writeString(file, "{ not json");
    assertThat(SyncState.load(file)).isEqualTo(SyncState.NEVER);
  }
}

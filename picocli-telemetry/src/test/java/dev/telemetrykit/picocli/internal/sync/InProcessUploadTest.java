package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.picocli.internal.Diagnostics;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload of a CLI that runs as PID 1, on a daemon thread of its own JVM: what it sends while
 * the command runs, and what a program's exit that cuts it off leaves behind.
 */
class InProcessUploadTest {
  @TempDir Path home;
  FakeCollector collector;
  QueueFixture queue;
  final ByteArrayOutputStream debug = new ByteArrayOutputStream();
  final Diagnostics diagnostics = new Diagnostics(false, new PrintStream(debug, true));

  @BeforeEach
  void start() throws Exception {
    collector = FakeCollector.start();
    queue = new QueueFixture(home, collector.endpoint()).withEvents(3);
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void sendsWhatWaitsAndThenTheEventOfTheCommandThatEnded() throws Exception {
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics);
    await().atMost(Duration.ofSeconds(20)).until(() -> collector.uniqueEvents() == 3); // while the command runs
    QueueFixture commandEvent = new QueueFixture(home, collector.endpoint()).withEvents(1);

    upload.finish(20_000);

    assertThat(collector.uniqueEvents()).isEqualTo(4);
    assertThat(collector.eventIds()).containsAll(commandEvent.eventIds());
    SyncState state = queue.syncState();
    assertThat(state.failures()).isZero();
    assertThat(state.nextAttempt()).isZero();
    assertThat(state.lastError()).isNull();
  }

  @Test
  void anUploadTheProgramsExitCutsOffHoldsTheNextDueRunsBack() throws Exception {
    collector.stall();
    long before = System.currentTimeMillis();
    InProcessUpload upload = InProcessUpload.start(queue.config, diagnostics);
    assertThat(collector.awaitFirstRequest(20)).isTrue();

    long start = System.nanoTime();
    upload.finish(250);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    // The program exits now, with the upload under way: what it left is what the next run reads.
    SyncState state = queue.syncState();
    assertThat(waitedMillis).isBetween(240L, 1_000L);
    assertThat(state.lastError()).isEqualTo(InProcessUpload.CUT_OFF);
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt()).isBetween(before + 48_000, System.currentTimeMillis() + 72_000); // 1 min ± 20%

    collector.release(); // had the program lived on, the upload would have ended, and said so
    upload.finish(20_000);
    assertThat(collector.uniqueEvents()).isEqualTo(3);
    assertThat(queue.syncState().lastError()).isNull();
  }
}

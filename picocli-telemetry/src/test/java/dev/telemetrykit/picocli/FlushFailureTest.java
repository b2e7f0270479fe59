package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.ReadOnlyDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telemetry flush} on every kind of failure: one line on stderr saying what went wrong,
 * nothing on stdout, exit 1, never a stack trace.
 */
class FlushFailureTest {
  @TempDir Path home;

  AppRun app() {
    return AppRun.of(ShopCli::commandLine, home); // its collector, 127.0.0.1:1, never answers
  }

  DataDir data() {
    return new DataDir(home, "shop-cli");
  }

  static void assertOneLineFailure(AppRun.Result flush, String start) {
    assertThat(flush.exitCode()).isEqualTo(1);
    assertThat(flush.out()).isEmpty();
    assertThat(flush.err()).startsWith(start).endsWith("\n").hasLineCount(1)
        .doesNotContain("\tat ").doesNotContain("Exception:");
  }

  @Test
  void anUnreachableCollector() {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");

    AppRun.Result flush = app.run("telemetry", "flush");

    assertOneLineFailure(flush, "Nothing was sent: cannot reach http://127.0.0.1:1 (ConnectException). ");
    assertThat(flush.err()).endsWith("The events stay queued.\n");
  }

  @Test
  void aBadEndpoint() {
    AppRun app = app().env("TELEMETRY_KIT_ENDPOINT", "http://exa mple.com");
    app.run("telemetry", "enable");
    app.run("status");

    AppRun.Result flush = app.run("telemetry", "flush");

    assertOneLineFailure(flush, "Nothing was sent: TELEMETRY_KIT_ENDPOINT must be an absolute http or https URL");
    assertThat(data().journalEvents()).hasSize(1);
  }

  @Test
  void anUnwritableDataDirectory() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");

    AppRun.Result flush;
    try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(home)) {
      flush = app.run("telemetry", "flush");
    }

    assertOneLineFailure(flush, "Nothing was sent: data directory " + home + " is not writable");
    assertThat(data().journalEvents()).hasSize(1);
  }

  @Test
  void aCorruptQueueIsMovedAsideAndTheFailureThatFollowsIsOneLine() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");
    Files.writeString(data().database(), "garbage ".repeat(1000));

    AppRun.Result flush = app.run("telemetry", "flush");

    assertOneLineFailure(flush, "Nothing was sent: cannot reach http://127.0.0.1:1");
    assertThat(Files.exists(home.resolve("shop-cli.db.corrupt"))).isTrue();
  }

  @Test
  void aQueueThatCannotBeOpenedAtAll() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");
    Files.createDirectories(data().database()); // a directory where the queue file should be

    AppRun.Result flush = app.run("telemetry", "flush");

    assertOneLineFailure(flush, "Nothing was sent: ");
    assertThat(flush.err()).contains(data().database().toString());
    assertThat(data().journalEvents()).hasSize(1);
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FixedTime;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <tool> telemetry status|enable|disable|show|reset}. */
class TelemetryCommandTest {
  @TempDir Path home;

  AppRun app() {
    return AppRun.of(ShopCli::commandLine, home);
  }

  DataDir data() {
    return new DataDir(home, "shop-cli");
  }

  @Test
  void enableStoresConsentWithASaltAndUserId() throws Exception {
    AppRun.Result r = app().run("telemetry", "enable");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Telemetry enabled for shop-cli.");
    Map<String, Object> state = Json.parseObject(Files.readString(data().stateFile()));
    assertThat(state.get("state")).isEqualTo("granted");
    assertThat(state.get("policy_version")).isEqualTo(1L);
    assertThat((String) state.get("salt")).matches("[0-9a-f]{32}");
    assertThat((String) state.get("user_id")).matches("[0-9a-f]{64}");
    assertThat((String) state.get("decided_at")).startsWith("2025-11-24T");
  }

  @Test
  void showPrintsTheExactBatchPayloadOfQueuedEvents() throws Exception {
    FixedTime time = new FixedTime(1_764_000_000_000L, 1_000_000L);
    AppRun app = app().time(time);
    app.run("telemetry", "enable");
    app.run("status");
    time.advanceMillis(5);
    app.run("order", "--format", "table");

    AppRun.Result r = app.run("telemetry", "show");

    assertThat(r.exitCode()).isZero();
    Map<String, Object> payload = Json.parseObject(r.out());
    assertThat(payload.keySet()).containsExactly("service_name", "service_version", "events");
    assertThat(payload).containsEntry("service_name", "shop-cli").containsEntry("service_version", "2.5.1");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) payload.get("events");
    assertThat(events).extracting(e -> DataDir.metadata(e).get("command")).containsExactly("status", "order");
    // show moved the journal into the queue
    assertThat(data().journalEvents()).isEmpty();
    assertThat(Files.exists(data().database())).isTrue();
  }

  @Test
  void showWithNothingQueuedPrintsAnEmptyBatchAndCreatesNothing() throws Exception {
    AppRun.Result r = app().run("telemetry", "show");
    assertThat(Json.parseObject(r.out()).get("events")).isEqualTo(List.of());
    assertThat(r.err()).isEqualTo("No events are queued.\n");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void statusReportsStateSourceFilesAndQueueSize() {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");
    app.run("status");

    String out = app.run("telemetry", "status").out();

    assertThat(out)
        .contains("Telemetry for shop-cli: enabled")
        .contains("decided by:  your choice (since 2025-11-24T")
        .contains("endpoint:    http://127.0.0.1:1")
        .contains("state file:  " + data().stateFile())
        .contains("queue:       " + data().database())
        .contains("queued:      2 events")
        .contains("problems:    none");
  }

  @Test
  void statusNamesTheSettingTheEndpointCameFrom() {
    assertThat(app().run("telemetry", "status").out()).contains("  endpoint:    http://127.0.0.1:1 (@TelemetryEnabled(endpoint))\n");
    assertThat(app().property("telemetrykit.endpoint", "http://127.0.0.1:3").run("telemetry", "status").out())
        .contains("  endpoint:    http://127.0.0.1:3 (system property telemetrykit.endpoint)\n");
    assertThat(app().property("telemetrykit.endpoint", "http://127.0.0.1:3").env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:4")
        .run("telemetry", "status").out())
        .contains("  endpoint:    http://127.0.0.1:4 (TELEMETRY_KIT_ENDPOINT)\n");
    assertThat(app().env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:4").env("SHOP_CLI_TELEMETRY_ENDPOINT", "http://127.0.0.1:5")
        .run("telemetry", "status").out())
        .contains("  endpoint:    http://127.0.0.1:5 (SHOP_CLI_TELEMETRY_ENDPOINT)\n");
  }

  @Test
  void statusCountsTheKeptEarlierIdsEvenUnderAnOptOutAndNeverShowsThem() throws Exception {
    String earlier = "ab".repeat(32);
    Files.createDirectories(home);
    new ConsentRecord(ConsentState.DENIED, 1, "2026-01-01T00:00:00Z", null, null, List.of(earlier))
        .save(data().stateFile());

    String out = app().env("DO_NOT_TRACK", "1").run("telemetry", "status").out();

    assertThat(out).contains("earlier ids: 1 kept only to delete what was sent under them"
        + " ('shop-cli telemetry delete-my-data')").doesNotContain(earlier);
  }

  @Test
  void statusWithoutEarlierIdsHasNoSuchLine() {
    AppRun app = app();
    app.run("telemetry", "enable");
    assertThat(app.run("telemetry", "status").out()).doesNotContain("earlier ids");
  }

  @Test
  void statusOfANewToolCreatesNoFile() throws Exception {
    assertThat(app().run("telemetry", "status").out()).contains("not decided");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void disablePurgesQueueJournalAndIdentity() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");
    app.run("telemetry", "show"); // moves the event into the database
    app.run("status");            // and one more waits in the journal

    AppRun.Result r = app.run("telemetry", "disable");

    assertThat(r.out()).startsWith("Telemetry disabled for shop-cli.");
    assertThat(data().allFiles()).containsExactly(data().stateFile());
    Map<String, Object> state = Json.parseObject(Files.readString(data().stateFile()));
    assertThat(state).containsEntry("state", "denied").doesNotContainKeys("salt", "user_id");
  }

  @Test
  void resetForgetsEverythingAndReenablingGivesANewIdentity() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    String firstId = (String) Json.parseObject(Files.readString(data().stateFile())).get("user_id");
    app.run("status");

    app.run("telemetry", "reset");
    assertThat(data().allFiles()).isEmpty();
    assertThat(app.run("telemetry", "status").out()).contains("not decided");

    app.run("telemetry", "enable");
    String secondId = (String) Json.parseObject(Files.readString(data().stateFile())).get("user_id");
    assertThat(secondId).isNotEqualTo(firstId);
  }

  @Test
  void enableAgainKeepsTheSameIdentity() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    String first = Files.readString(data().stateFile());
    app.run("telemetry", "enable");
    assertThat(Json.parseObject(Files.readString(data().stateFile())).get("user_id"))
        .isEqualTo(Json.parseObject(first).get("user_id"));
  }

  @Test
  void telemetryCommandIsHiddenFromUsageHelp() {
    assertThat(app().run("--help").out()).doesNotContain("telemetry");
  }

  @Test
  void telemetryAloneListsItsCommands() {
    assertThat(app().run("telemetry").out())
        .contains("Usage: shop-cli telemetry")
        .contains("status", "enable", "disable", "show", "reset");
  }

  @Test
  void helpAfterTheWordTelemetryIsTheAppsOwnHelpAsWithoutTelemetry() {
    AppRun app = app();
    AppRun.Result plain = app.run(false, "telemetry", "--help");
    AppRun.Result installed = app.run(true, "telemetry", "--help");

    assertThat(installed).isEqualTo(plain);
    assertThat(installed.out()).startsWith("Usage: shop-cli ");
  }

  @Test
  void unknownTelemetryCommandIsAUsageError() {
    AppRun.Result r = app().run("telemetry", "frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void enableUnderAnOptOutSaysNothingWillBeRecorded() {
    assertThat(app().env("DO_NOT_TRACK", "1").run("telemetry", "enable").out())
        .contains("nothing is recorded for now, because of environment variable DO_NOT_TRACK=1");
  }

  @Test
  void corruptQueueIsMovedAsideOnTheNextShowAndStatusSaysSo() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    Files.writeString(data().database(), "garbage ".repeat(1000));
    app.run("status");

    AppRun.Result shown = app.run("telemetry", "show");

    assertThat(shown.exitCode()).isZero();
    assertThat(shown.out()).contains("\"command\": \"status\"");
    assertThat(app.run("telemetry", "status").out())
        .contains("the queue was corrupt and was moved aside to " + data().database() + ".corrupt");
  }

  @Test
  void lockedQueueBreaksNeitherTheCommandNorStatusAndShowExplains() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.run("status");
    app.run("telemetry", "show");
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + data().database());
        Statement s = lock.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.execute("BEGIN EXCLUSIVE");
      AppRun.Result run = app.run("status");
      assertThat(run.out()).isEqualTo("all systems ok\n");
      assertThat(run.exitCode()).isZero();

      // WAL mode: readers are not blocked by a writer
      AppRun.Result status = app.run("telemetry", "status");
      assertThat(status.exitCode()).isZero();
      assertThat(status.out()).contains("queued:      2 events (1 not yet moved into the queue)");

      AppRun.Result show = app.run("telemetry", "show");
      assertThat(show.exitCode()).isEqualTo(1);
      assertThat(show.err()).startsWith("Could not read the queue: ").contains("locked");

      AppRun.Result flush = app.run("telemetry", "flush");
      assertThat(flush.exitCode()).isEqualTo(1);
      assertThat(flush.err()).startsWith("Nothing was sent: could not use the queue: ").contains("locked")
          .doesNotContain("\tat ").doesNotContain("Exception");
      s.execute("ROLLBACK");
    }
    assertThat(data().importAndReadQueue()).hasSize(2);
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.internal.sync.FlushLock;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events the collector accepted stay deletable after {@code telemetry reset} and {@code telemetry
 * disable}: the ids they were sent under are kept, only for {@code delete-my-data}, until the
 * collector confirms their deletion. Real state files, a real queue, a collector on loopback.
 */
class SentDataStaysDeletableTest {
  @TempDir Path home;
  FakeCollector collector;
  AppRun app;
  DataDir data;

  @BeforeEach
  void start() throws Exception {
    collector = FakeCollector.start();
    app = AppRun.of(ShopCli::commandLine, home).env("TELEMETRY_KIT_ENDPOINT", collector.endpoint());
    data = new DataDir(home, "shop-cli");
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  Map<String, Object> state() throws Exception {
    return Json.parseObject(Files.readString(data.stateFile()));
  }

  String userId() throws Exception {
    return (String) state().get("user_id");
  }

  /** Enables, records a run and uploads it; returns the id it was sent under. */
  String sendOneRun() throws Exception {
    app.run("telemetry", "enable");
    String id = userId();
    app.run("status");
    AppRun.Result flush = app.run("telemetry", "flush");
    assertThat(flush.exitCode()).as(flush.err()).isZero();
    assertThat(collector.eventsOf(id)).isEqualTo(1);
    return id;
  }

  @Test
  void afterResetDeleteMyDataDeletesTheEventsSentUnderTheOldId() throws Exception {
    String oldId = sendOneRun();

    AppRun.Result reset = app.run("telemetry", "reset");

    assertThat(reset.exitCode()).isZero();
    assertThat(reset.out()).contains("The events already sent stay at the collector;"
        + " 'shop-cli telemetry delete-my-data' asks it to delete them.");
    assertThat(app.run("telemetry", "status").out()).contains("not decided");

    AppRun.Result delete = app.run("telemetry", "delete-my-data");

    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(collector.deleteRequests()).containsExactly(oldId);
    assertThat(collector.eventsOf(oldId)).isZero();
    assertThat(delete.out()).contains("The collector deleted 1 event sent under an earlier anonymous id");
    assertThat(Files.exists(data.stateFile()) ? Files.readString(data.stateFile()) : "").doesNotContain(oldId);
  }

  @Test
  void anUploadStraightFromTheJournalAsPid1DoesIsKnownToo() throws Exception {
    app.run("telemetry", "enable");
    String oldId = userId();
    app.run("status");
    QueueFixture pid1 = new QueueFixture(home, collector.endpoint());
    try (FlushLock lock = FlushLock.acquire(pid1.config.flushLockFile(), 1000)) {
      assertThat(pid1.flushJournal().sent()).isEqualTo(1); // no SQLite: the batch is noted in the journal
    }
    assertThat(data.database()).doesNotExist();

    AppRun.Result reset = app.run("telemetry", "reset");

    assertThat(reset.out()).contains("The events already sent stay at the collector;");
    AppRun.Result delete = app.run("telemetry", "delete-my-data");
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(collector.deleteRequests()).containsExactly(oldId);
    assertThat(collector.eventsOf(oldId)).isZero();
  }

  @Test
  void afterDisableDeleteMyDataDeletesTheEventsSentUnderTheOldIdAndTelemetryStaysOff() throws Exception {
    String oldId = sendOneRun();

    AppRun.Result disable = app.run("telemetry", "disable");

    assertThat(disable.exitCode()).isZero();
    assertThat(disable.out()).startsWith("Telemetry disabled for shop-cli.")
        .contains("The events already sent stay at the collector;"
            + " 'shop-cli telemetry delete-my-data' asks it to delete them.");
    assertThat(state()).containsEntry("state", "denied").doesNotContainKeys("salt", "user_id");

    AppRun.Result delete = app.run("telemetry", "delete-my-data");

    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(collector.deleteRequests()).containsExactly(oldId);
    assertThat(collector.eventsOf(oldId)).isZero();
    // the user said no: deleting their data does not bring the question back
    assertThat(state()).containsEntry("state", "denied").doesNotContainKey("previous_user_ids");
    assertThat(Files.readString(data.stateFile())).doesNotContain(oldId);
    assertThat(app.run("telemetry", "status").out()).contains("Telemetry for shop-cli: disabled");
  }

  @Test
  void disableWithDeleteDataDeletesAtTheCollectorFirst() throws Exception {
    String oldId = sendOneRun();

    AppRun.Result disable = app.run("telemetry", "disable", "--delete-data");

    assertThat(disable.exitCode()).as(disable.err()).isZero();
    assertThat(collector.deleteRequests()).containsExactly(oldId);
    assertThat(collector.eventsOf(oldId)).isZero();
    assertThat(disable.out()).contains("The collector deleted 1 event").doesNotContain("stay at the collector");
    assertThat(Files.readString(data.stateFile())).doesNotContain(oldId).contains("\"denied\"");
  }

  @Test
  void resetWithDeleteDataThatFailsStillResetsAndKeepsTheIdForLater() throws Exception {
    String oldId = sendOneRun();
    collector.failDeletes(503);

    AppRun.Result reset = app.run("telemetry", "reset", "--delete-data");

    assertThat(reset.exitCode()).isEqualTo(1);
    assertThat(reset.err()).contains("HTTP 503");
    assertThat(reset.out()).contains("Telemetry reset for shop-cli")
        .contains("The events already sent stay at the collector;");
    assertThat(state()).containsEntry("state", "undecided").containsEntry("previous_user_ids", List.of(oldId));
  }

  @Test
  void aFailedDeletionKeepsTheIdAndSaysSoAndALaterOneSucceeds() throws Exception {
    String oldId = sendOneRun();
    app.run("telemetry", "reset");
    collector.failDeletes(500);

    AppRun.Result failed = app.run("telemetry", "delete-my-data");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("HTTP 500").contains("kept").contains("try again");
    assertThat(collector.eventsOf(oldId)).isEqualTo(1);
    assertThat(state()).containsEntry("previous_user_ids", List.of(oldId));

    collector.failDeletes(0);
    AppRun.Result again = app.run("telemetry", "delete-my-data");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(collector.eventsOf(oldId)).isZero();
    assertThat(Files.exists(data.stateFile()) ? Files.readString(data.stateFile()) : "").doesNotContain(oldId);
  }

  @Test
  void anUnreachableCollectorKeepsTheIdAndSaysSo() throws Exception {
    String oldId = sendOneRun();
    app.run("telemetry", "reset");
    collector.close();

    AppRun.Result failed = app.run("telemetry", "delete-my-data");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err()).contains("cannot reach").contains("kept");
    assertThat(state()).containsEntry("previous_user_ids", List.of(oldId));
  }

  @Test
  void nothingEverAcceptedGivesTheTruthfulNothingWasSentAnswer() throws Exception {
    app.run("telemetry", "enable");
    app.run("status");
    // an upload that failed: nothing reached the collector
    AppRun.Result flush = app.env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:1").run("telemetry", "flush");
    assertThat(flush.exitCode()).isEqualTo(1);
    app.env("TELEMETRY_KIT_ENDPOINT", collector.endpoint());

    AppRun.Result reset = app.run("telemetry", "reset");
    assertThat(reset.out()).doesNotContain("stay at the collector");
    assertThat(data.allFiles()).doesNotContain(data.stateFile());

    AppRun.Result delete = app.run("telemetry", "delete-my-data");

    assertThat(delete.exitCode()).isZero();
    assertThat(delete.out()).isEqualTo("Nothing was sent from here, so there is nothing to delete.\n");
    assertThat(collector.deleteRequests()).isEmpty();
  }

  @Test
  void keptIdsAreOwnerOnlySurviveEnableDisableCyclesAndNeverTravelWithEvents() throws Exception {
    String first = sendOneRun();
    app.run("telemetry", "disable");
    String second = sendOneRun();
    app.run("telemetry", "disable");
    app.run("telemetry", "enable");
    String third = userId();

    assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
    assertThat(state()).containsEntry("previous_user_ids", List.of(first, second));
    assertThat(Files.getPosixFilePermissions(data.stateFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    String status = app.run("telemetry", "status").out();
    assertThat(status).contains("earlier ids: 2 kept only to delete what was sent under them"
        + " ('shop-cli telemetry delete-my-data')");
    assertThat(status).doesNotContain(first).doesNotContain(second);

    app.run("status");
    app.run("telemetry", "flush");
    assertThat(collector.eventsOf(third)).isEqualTo(1);
    assertThat(collector.eventsOf(first)).isEqualTo(1); // only the events of before
    assertThat(collector.eventsOf(second)).isEqualTo(1);

    AppRun.Result delete = app.run("telemetry", "delete-my-data");
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(collector.deleteRequests()).containsExactlyInAnyOrder(first, second, third);
    assertThat(collector.uniqueEvents()).isZero();
    assertThat(delete.out()).contains("The collector deleted 1 event sent under the current anonymous id");
  }

  @Test
  void disableDuringAnUploadKeepsTheIdForTheEventsThatUploadStillDelivers() throws Exception {
    app.run("telemetry", "enable");
    String id = userId();
    app.run("status");
    collector.stall();
    Thread upload = new Thread(() -> app.run("telemetry", "flush"));
    upload.setDaemon(true);
    upload.start();
    assertThat(collector.awaitFirstRequest(10)).isTrue();

    AppRun.Result disable = app.run("telemetry", "disable");

    assertThat(disable.exitCode()).isZero();
    assertThat(disable.out()).contains("The events already sent stay at the collector;");
    assertThat(state()).containsEntry("state", "denied").containsEntry("previous_user_ids", List.of(id));
    collector.release();
    upload.join(10_000);
    assertThat(collector.eventsOf(id)).isEqualTo(1); // arrived after the opt-out

    AppRun.Result delete = app.run("telemetry", "delete-my-data");

    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(collector.eventsOf(id)).isZero();
  }

  @Test
  void sayingYesAtTheFirstRunPromptAfterAResetKeepsTheOldIds() throws Exception {
    String oldId = sendOneRun();
    app.run("telemetry", "reset");

    app.interactive(true).prompt(ScriptedPrompt.answering(ConsentState.GRANTED)).run("status");

    assertThat(state()).containsEntry("state", "granted").containsEntry("previous_user_ids", List.of(oldId));
    assertThat(userId()).isNotEqualTo(oldId);
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Only a yes records; every opt-out stops everything, strongest first. */
class ConsentTest {
  @TempDir Path dir;

  AppRun app() {
    return AppRun.of(ShopCli::commandLine, dir.resolve("home"));
  }

  DataDir data() {
    return new DataDir(dir.resolve("home"), "shop-cli");
  }

  @Test
  void undecidedRunRecordsNothingAndCreatesNoFile() throws Exception {
    AppRun.Result r = app().run("status");
    assertThat(r.out()).isEqualTo("all systems ok\n");
    assertThat(data().allFiles()).isEmpty();
    assertThat(Files.exists(dir.resolve("home"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "DO_NOT_TRACK, 1",
    "DO_NOT_TRACK, true",
    "DO_NOT_TRACK, yes",
    "DO_NOT_TRACK, anything",
    "TELEMETRY_KIT_DISABLED, 1",
    "SHOP_CLI_TELEMETRY_DISABLED, 1"
  })
  void optOutVariableStopsRecordingAndTouchesNoFile(String variable, String value) throws Exception {
    AppRun granted = app();
    granted.run("telemetry", "enable");
    long before = data().allFiles().size();

    AppRun.Result r = granted.env(variable, value).run("status");

    assertThat(r.exitCode()).isZero();
    assertThat(data().journalEvents()).isEmpty();
    assertThat(data().allFiles()).hasSize((int) before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "false", "FALSE", "no", "off", " Off "})
  void doNotTrackSetToAFalseValueDoesNotOptOut(String value) {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.env("DO_NOT_TRACK", value).run("status");
    assertThat(data().journalEvents()).hasSize(1);
  }

  @Test
  void optedOutRunOfAnUndecidedToolLeavesNoFileAtAll() throws Exception {
    app().env("DO_NOT_TRACK", "1").run("order", "x");
    assertThat(Files.exists(dir.resolve("home"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"telemetry\": \"disabled\"}",
    "{\"tools\": {\"shop-cli\": \"disabled\"}}",
    "{ this is not json"
  })
  void policyFileDisablesTelemetryAndStatusSaysSo(String policy) throws Exception {
    Path policyFile = dir.resolve("policy.json");
    Files.writeString(policyFile, policy);
    AppRun app = app().env("TELEMETRY_KIT_POLICY_FILE", policyFile.toString());
    app.run("telemetry", "enable");

    app.run("status");

    assertThat(data().journalEvents()).isEmpty();
    assertThat(app.run("telemetry", "status").out())
        .contains("Telemetry for shop-cli: disabled")
        .contains("decided by:  policy file " + policyFile);
  }

  @Test
  void policyForAnotherToolDoesNotApply() throws Exception {
    Path policyFile = dir.resolve("policy.json");
    Files.writeString(policyFile, "{\"tools\": {\"other-cli\": \"disabled\"}}");
    AppRun app = app().env("TELEMETRY_KIT_POLICY_FILE", policyFile.toString());
    app.run("telemetry", "enable");
    app.run("status");
    assertThat(data().journalEvents()).hasSize(1);
  }

  @Test
  void environmentBeatsEverythingAndStatusNamesTheVariable() {
    AppRun app = app();
    app.run("telemetry", "enable");
    assertThat(app.env("DO_NOT_TRACK", "1").run("telemetry", "status").out())
        .contains("Telemetry for shop-cli: disabled")
        .contains("decided by:  environment variable DO_NOT_TRACK=1");
  }

  @Test
  void deniedUserIsNeverRecorded() {
    AppRun app = app();
    app.run("telemetry", "disable");
    app.run("status");
    assertThat(data().journalEvents()).isEmpty();
    assertThat(app.run("telemetry", "status").out()).contains("decided by:  your choice (since ");
  }

  @Test
  void raisedPolicyVersionStopsRecordingUntilAskedAgain() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    Path state = data().stateFile();
    Files.writeString(state, Files.readString(state).replace("\"policy_version\": 1", "\"policy_version\": 0"));

    app.run("status");

    assertThat(data().journalEvents()).isEmpty();
    assertThat(app.run("telemetry", "status").out()).contains("what is collected changed");
  }

  @Test
  void malformedStateFileRecordsNothingAndStatusReportsIt() throws Exception {
    AppRun app = app();
    app.run("telemetry", "enable");
    Files.writeString(data().stateFile(), "{\"state\": \"granted\", ");

    AppRun.Result r = app.run("status");

    assertThat(r.out()).isEqualTo("all systems ok\n");
    assertThat(r.exitCode()).isZero();
    assertThat(data().journalEvents()).isEmpty();
    assertThat(app.run("telemetry", "status").out())
        .contains("problems:")
        .contains("state file " + data().stateFile() + " cannot be used");
  }

  @Test
  void enableRepairsAMalformedStateFile() throws Exception {
    AppRun app = app();
    Files.createDirectories(data().home());
    Files.writeString(data().stateFile(), "garbage");
    app.run("telemetry", "enable");
    app.run("status");
    assertThat(data().journalEvents()).hasSize(1);
  }

  @Test
  void unreadableStateFileIsReportedNotThrown() throws Exception {
    AppRun app = app();
    Files.createDirectories(data().stateFile()); // a directory where the file should be
    AppRun.Result r = app.run("status");
    assertThat(r.exitCode()).isZero();
    assertThat(app.run("telemetry", "status").out()).contains("cannot be used");
  }

  @Test
  void debugModePrintsEventsAndQueuesNothing() {
    AppRun app = app();
    app.run("telemetry", "enable");
    app.env("TELEMETRY_KIT_DEBUG", "1");

    AppRun.Result r = app.run("status");

    assertThat(r.err()).isEmpty();
    assertThat(app.debugOutput()).contains("[telemetry-kit] event {\"event_id\":").contains("\"command\":\"status\"");
    assertThat(data().journalEvents()).isEmpty();
  }

  @Test
  void debugModeShowsAnUndecidedUserWhatWouldBeRecordedWithoutStoringIt() throws Exception {
    AppRun app = app().env("TELEMETRY_KIT_DEBUG", "1");
    app.run("status");
    assertThat(app.debugOutput()).contains("\"event_type\":\"command_executed\"");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void debugModeRespectsOptOuts() {
    AppRun app = app().env("TELEMETRY_KIT_DEBUG", "1").env("DO_NOT_TRACK", "1");
    app.run("status");
    assertThat(app.debugOutput()).doesNotContain("event");
  }
}

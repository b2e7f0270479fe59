package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.FixedTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one {@code command_executed} event says about a run. */
class CommandEventTest {
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @TempDir Path dir;
  AppRun app;
  DataDir data;
  FixedTime time = new FixedTime(1_764_000_000_000L, 4_000_000L);

  @BeforeEach
  void grant() {
    app = AppRun.of(ShopCli::commandLine, dir).time(time);
    data = new DataDir(dir, "shop-cli");
    app.run("telemetry", "enable");
  }

  Map<String, Object> onlyEvent() {
    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  Map<String, Object> metadataOf(String... args) {
    app.run(args);
    return DataDir.metadata(onlyEvent());
  }

  @Test
  void eventCarriesIdsTimestampAndPlatform() throws Exception {
    app.run("status");
    Map<String, Object> event = onlyEvent();
    Map<String, Object> state = Json.parseObject(Files.readString(data.stateFile()));

    assertThat(event.keySet())
        .containsExactly("event_id", "event_type", "timestamp", "user_id", "session_id", "metadata");
    assertThat((String) event.get("event_id")).matches(UUID);
    assertThat((String) event.get("session_id")).matches(UUID).isNotEqualTo(event.get("event_id"));
    assertThat(event.get("event_type")).isEqualTo("command_executed");
    assertThat(event.get("timestamp")).isEqualTo(1_764_000_000_000L);
    assertThat((String) event.get("user_id")).matches("[0-9a-f]{64}").isEqualTo(state.get("user_id"));
    assertThat(DataDir.metadata(event))
        .containsEntry("version", "2.5.1")
        .containsEntry("os", "linux")
        .containsEntry("arch", "x86_64")
        .containsEntry("java_version", "17.0.15")
        .containsEntry("ci", false)
        .containsEntry("interactive", false);
  }

  @Test
  void durationComesFromTheMonotonicClock() {
    assertThat(metadataOf("status")).containsEntry("duration_ms", 4L);
  }

  @Test
  void methodCommandIsRecordedByItsPath() {
    assertThat(metadataOf("-v", "status", "--short"))
        .containsEntry("command", "status")
        .containsEntry("options", List.of("--verbose", "--short"))
        .containsEntry("success", true)
        .containsEntry("exit_code", 0L)
        .doesNotContainKey("error");
  }

  @Test
  void nestedSubcommandIsRecordedWithItsFullPathAndNoArgumentValues() {
    Map<String, Object> m = metadataOf("remote", "add", "origin", "https://example.com/x.git", "--track");
    assertThat(m).containsEntry("command", "remote add").containsEntry("options", List.of("--track"));
    assertThat(m.toString()).doesNotContain("origin").doesNotContain("example.com");
  }

  @Test
  void topLevelRunIsRecordedUnderTheToolName() {
    assertThat(metadataOf()).containsEntry("command", "shop-cli");
  }

  @Test
  void builtInHelpCommandIsRecordedAsHelp() {
    assertThat(metadataOf("help", "order")).containsEntry("command", "help");
  }

  @Test
  void helpOptionIsRecordedAsAnOptionOfTheCommand() {
    assertThat(metadataOf("order", "--help"))
        .containsEntry("command", "order")
        .containsEntry("options", List.of("--help"))
        .doesNotContainKey("option_values");
  }

  @Test
  void valuesAreRecordedOnlyForEnumAndSafeOptions() {
    Map<String, Object> m =
        metadataOf("order", "apple", "-m", "note", "--format", "json", "--region", "eu-west-1",
            "--mode", "fast,safe", "-Dkey=fast", "--file", "/home/alice/orders.csv");
    assertThat(m.get("options"))
        .isEqualTo(List.of("--message", "--format", "--region", "--mode", "-D", "--file"));
    assertThat(m.get("option_values"))
        .isEqualTo(Map.of("--format", "json", "--region", "eu-west-1", "--mode", List.of("fast", "safe")));
    assertThat(m.toString()).doesNotContain("note", "apple", "alice", "key");
  }

  @Test
  void failingCommandRecordsTheExceptionClassOnly() {
    Map<String, Object> m = metadataOf("fail");
    assertThat(m)
        .containsEntry("command", "fail")
        .containsEntry("success", false)
        .containsEntry("exit_code", 1L)
        .containsEntry("error", "java.lang.IllegalStateException");
    assertThat(m.toString()).doesNotContain(ShopCli.SECRET).doesNotContain("alice");
  }

  @Test
  void nonZeroExitCodeIsAFailureWithoutError() {
    assertThat(metadataOf("exit", "42"))
        .containsEntry("success", false)
        .containsEntry("exit_code", 42L)
        .doesNotContainKey("error");
  }

  @Test
  void parseErrorRecordsWhereItFailedAndNeverTheInput() {
    Map<String, Object> m = metadataOf("status", "--" + ShopCli.SECRET);
    assertThat(m)
        .containsEntry("command", "status")
        .containsEntry("success", false)
        .containsEntry("exit_code", 2L)
        .containsEntry("options", List.of())
        .containsEntry("error", "picocli.CommandLine$UnmatchedArgumentException");
    assertThat(onlyEvent().toString()).doesNotContain(ShopCli.SECRET);
  }

  @Test
  void missingSubcommandIsRecordedAsAParseError() {
    assertThat(metadataOf("remote"))
        .containsEntry("command", "remote")
        .containsEntry("success", false)
        .containsEntry("error", "picocli.CommandLine$ParameterException");
  }

  @Test
  void exitCodeDecidedByTheAppsHandlerIsRecorded() {
    app.customize(cl -> cl.setExecutionExceptionHandler((ex, cmd, pr) -> 7));
    assertThat(metadataOf("fail"))
        .containsEntry("exit_code", 7L)
        .containsEntry("error", "java.lang.IllegalStateException");
  }

  @Test
  void exitCodeDecidedByTheAppsMapperIsRecorded() {
    app.customize(cl -> cl.setExitCodeExceptionMapper(ex -> 13));
    assertThat(metadataOf("fail")).containsEntry("exit_code", 13L);
  }

  @Test
  void telemetryCommandsAreNeverRecorded() {
    app.run("telemetry", "status");
    app.run("telemetry", "show");
    app.run("telemetry", "bogus");
    assertThat(data.journalEvents()).isEmpty();
  }

  @Test
  void eachRunGetsItsOwnSessionAndEventIds() {
    app.run("status");
    app.run("status");
    List<Map<String, Object>> events = data.journalEvents();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("event_id")).isNotEqualTo(events.get(1).get("event_id"));
    assertThat(events.get(0).get("session_id")).isNotEqualTo(events.get(1).get("session_id"));
    assertThat(events.get(0).get("user_id")).isEqualTo(events.get(1).get("user_id"));
  }

  @Test
  void ciVariableIsRecorded() {
    app.env("GITHUB_ACTIONS", "true");
    assertThat(metadataOf("status")).containsEntry("ci", true);
  }
}

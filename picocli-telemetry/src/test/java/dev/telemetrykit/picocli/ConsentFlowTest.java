package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.consent.ConsentQuestion;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first interactive run asks; the answer decides this run and every later one. */
class ConsentFlowTest {
  @TempDir Path home;

  AppRun app(ScriptedPrompt prompt) {
    return AppRun.of(ShopCli::commandLine, home).interactive(true).prompt(prompt);
  }

  DataDir data() {
    return new DataDir(home, "shop-cli");
  }

  String state() throws Exception {
    return (String) Json.parseObject(Files.readString(data().stateFile())).get("state");
  }

  @Test
  void yesStoresGrantedAndRecordsTheRunThatAsked() throws Exception {
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.GRANTED);

    AppRun.Result r = app(yes).run("order", "--format", "json");

    assertThat(r.out()).isEqualTo("ordered 0 items\n");
    assertThat(yes.questions).hasSize(1);
    assertThat(state()).isEqualTo("granted");
    assertThat(data().journalEvents()).hasSize(1);
    assertThat(DataDir.metadata(data().journalEvents().get(0))).containsEntry("command", "order");
    app(ScriptedPrompt.answering(ConsentState.GRANTED)).prompt(ScriptedPrompt.failing()).run("status");
    assertThat(data().journalEvents()).hasSize(2);
  }

  @Test
  void noStoresDeniedRecordsNothingAndNeverAsksAgain() throws Exception {
    AppRun.Result r = app(ScriptedPrompt.answering(ConsentState.DENIED)).run("status");

    assertThat(r.out()).isEqualTo("all systems ok\n");
    assertThat(state()).isEqualTo("denied");
    assertThat(data().allFiles()).containsExactly(data().stateFile());
    AppRun later = AppRun.of(ShopCli::commandLine, home).interactive(true).prompt(ScriptedPrompt.failing());
    later.run("status");
    assertThat(data().allFiles()).containsExactly(data().stateFile());
  }

  @Test
  void noAnswerLeavesEverythingAsItWasAndAsksAgainNextTime() throws Exception {
    ScriptedPrompt none = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    AppRun.Result plain = AppRun.of(ShopCli::commandLine, home).run(false, "exit", "3");

    AppRun.Result r = app(none).run("exit", "3");

    assertThat(r).isEqualTo(plain);
    assertThat(data().allFiles()).isEmpty();
    ScriptedPrompt again = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    app(again).run("status");
    assertThat(again.questions).hasSize(1);
  }

  @Test
  void theBoxSaysWhatTheEventModelCollects() {
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    app(yes).run("status");
    ConsentQuestion q = yes.questions.get(0);
    assertThat(q.toolName()).isEqualTo("shop-cli");
    List<String> recordedValues = List.of("--format", "--region", "--mode");
    assertThat(q.collected()).isEqualTo(EventSchema.collectedLines(recordedValues));
    assertThat(q.neverCollected()).isEqualTo(EventSchema.neverCollected(recordedValues));
    assertThat(q.previewNote()).isEqualTo(EventSchema.PREVIEW_NOTE);
    assertThat(q.learnMoreUrl()).isEqualTo("https://example.com/privacy");
    assertThat(q.manageCommand()).isEqualTo("shop-cli telemetry disable");
    assertThat(q.timeout().getSeconds()).isEqualTo(30);
  }

  @Test
  void everyKeyAnEventCarriesIsDescribedInTheBox() {
    AppRun granted = AppRun.of(ShopCli::commandLine, home);
    granted.run("telemetry", "enable");
    granted.run("order", "--format", "json");
    granted.run("fail");
    List<String> described = EventSchema.COLLECTED.stream().flatMap(d -> List.of(d.keys()).stream()).toList();
    for (Map<String, Object> event : data().journalEvents()) {
      assertThat(described).containsAll(DataDir.metadata(event).keySet());
    }
  }

  @Test
  void showMeTheDataOffersThisRunsEventWithTheIdThatWouldBeSent() throws Exception {
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.GRANTED);
    app(yes).run("remote", "add", "origin", "https://example.com/x.git");

    Map<String, Object> payload = Json.parseObject(yes.payloads.get(0));
    assertThat(payload).containsEntry("service_name", "shop-cli").containsEntry("service_version", "2.5.1");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) payload.get("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).containsEntry("event_type", "command_executed");
    assertThat(DataDir.metadata(events.get(0))).containsEntry("command", "remote add");
    String storedUserId = (String) Json.parseObject(Files.readString(data().stateFile())).get("user_id");
    assertThat(events.get(0)).containsEntry("user_id", storedUserId);
    assertThat(events.get(0).get("session_id")).isEqualTo(data().journalEvents().get(0).get("session_id"));
    assertThat(yes.payloads.get(0)).doesNotContain("origin", "example.com");
  }

  @Test
  void raisedPolicyVersionAsksAgainAndShowsWhatIsQueued() throws Exception {
    AppRun granted = AppRun.of(ShopCli::commandLine, home);
    granted.run("telemetry", "enable");
    granted.run("status");
    Files.writeString(data().stateFile(),
        Files.readString(data().stateFile()).replace("\"policy_version\": 1", "\"policy_version\": 0"));
    ScriptedPrompt asked = ScriptedPrompt.answering(ConsentState.GRANTED);

    app(asked).run("order");

    assertThat(asked.questions).hasSize(1);
    assertThat(asked.payloads.get(0)).contains("\"command\":\"status\"").contains("\"command\":\"order\"");
    assertThat(Json.parseObject(Files.readString(data().stateFile()))).containsEntry("policy_version", 1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "--version", "help order", "order --help", "telemetry status", "status --bogus"})
  void helpVersionTelemetryAndParseErrorsNeverAsk(String args) throws Exception {
    app(null).prompt(ScriptedPrompt.failing()).run(args.split(" "));
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void nonInteractiveRunNeverAsks() throws Exception {
    AppRun.of(ShopCli::commandLine, home).interactive(false).prompt(ScriptedPrompt.failing()).run("status");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void ciNeverAsksEvenInATerminal() throws Exception {
    app(null).prompt(ScriptedPrompt.failing()).env("CI", "true").run("status");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void optOutNeverAsks() throws Exception {
    app(null).prompt(ScriptedPrompt.failing()).env("DO_NOT_TRACK", "1").run("status");
    assertThat(data().allFiles()).isEmpty();
  }

  @Test
  void promptTimeoutIsConfigurable() {
    ScriptedPrompt none = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    app(none).env("TELEMETRY_KIT_PROMPT_TIMEOUT", "5").run("status");
    assertThat(none.questions.get(0).timeout().getSeconds()).isEqualTo(5);
  }
}

package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Two tools of one vendor in one data home, sharing their user's answer through a consent group. */
class ConsentGroupTest {
  @TempDir Path dir;

  Path home() {
    return dir.resolve("home");
  }

  static CommandLine app(String name) {
    CommandLine cl = new CommandLine(CommandSpec.create().name(name));
    cl.setExecutionStrategy(pr -> {
      pr.commandSpec().commandLine().getOut().println(name + " ran");
      return 0;
    });
    return cl;
  }

  /** The tool {@code name}, in the consent group {@code acme} unless {@code group} is null. */
  AppRun tool(String name, String group) {
    AppRun run = AppRun.of(() -> app(name), home());
    return run.settings(TelemetrySettings.builder(name).endpoint("https://telemetry.example.com")
        .consentGroup(group).build(run.host()).declared());
  }

  AppRun build() {
    return tool("acme-build", "acme");
  }

  AppRun deploy() {
    return tool("acme-deploy", "acme");
  }

  DataDir data(String tool) {
    return new DataDir(home(), tool);
  }

  Map<String, Object> groupFile() throws Exception {
    return Json.parseObject(Files.readString(home().resolve("groups").resolve("acme.json")));
  }

  /** Both tools recorded once under a yes given in acme-build's consent box. */
  void bothGranted() {
    build().interactive(true).prompt(ScriptedPrompt.answering(ConsentState.GRANTED)).run();
    deploy().interactive(true).run();
  }

  @Test
  void theUserIsAskedOnceForEveryToolOfTheGroupAndEachToolKeepsItsOwnId() {
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.GRANTED);

    build().interactive(true).prompt(yes).run();
    AppRun.Result second = deploy().interactive(true).run(); // the failing prompt would fail this test if asked

    assertThat(second.out()).isEqualTo("acme-deploy ran\n");
    assertThat(yes.questions).hasSize(1);
    assertThat(yes.questions.get(0).consentGroup()).isEqualTo("acme");
    assertThat(data("acme-build").journalEvents()).hasSize(1);
    assertThat(data("acme-deploy").journalEvents()).hasSize(1); // joining starts its schedule: not due, no inventory
    assertThat(data("acme-deploy").syncStateFile()).exists();
    Object buildId = data("acme-build").journalEvents().get(0).get("user_id");
    Object deployId = data("acme-deploy").journalEvents().get(0).get("user_id");
    assertThat((String) buildId).matches("[0-9a-f]{64}");
    assertThat((String) deployId).matches("[0-9a-f]{64}").isNotEqualTo(buildId);
    assertThat(data("acme-build").stateFile()).doesNotExist();
    assertThat(data("acme-deploy").stateFile()).doesNotExist();
  }

  @Test
  void statusInTheOtherToolSaysTheAnswerIsSharedAndWhereItWasGiven() {
    bothGranted();

    String status = deploy().run("telemetry", "status").out();

    assertThat(status)
        .contains("Telemetry for acme-deploy: enabled")
        .contains("decided by:  your choice for the consent group 'acme', given in acme-build (since ")
        .contains("shared:      the answer is shared by every tool of the consent group 'acme'")
        .contains("state file:  " + home().resolve("groups").resolve("acme.json"));
  }

  @Test
  void disableInOneToolDisablesEveryToolOfTheGroupAndSaysSo() throws Exception {
    bothGranted();

    AppRun.Result disabled = build().run("telemetry", "disable");
    deploy().interactive(true).run();

    assertThat(disabled.out()).startsWith(
        "Telemetry disabled for every tool of the consent group 'acme' (so far: acme-build, acme-deploy).");
    assertThat(data("acme-deploy").journalEvents()).isEmpty(); // purged, and nothing recorded since
    assertThat(deploy().run("telemetry", "status").out()).contains("Telemetry for acme-deploy: disabled");
    Map<?, ?> tools = (Map<?, ?>) groupFile().get("tools");
    assertThat(tools.get("acme-deploy")).isEqualTo(Map.of()); // its id is gone too: it never uploaded
    assertThat(groupFile()).containsEntry("state", "denied").containsEntry("decided_in", "acme-build");
  }

  @Test
  void enableAfterADisableGivesTheOtherToolANewIdAtItsNextRun() {
    bothGranted();
    Object before = data("acme-deploy").journalEvents().get(0).get("user_id");
    build().run("telemetry", "disable");

    AppRun.Result enabled = build().run("telemetry", "enable");
    deploy().run();

    assertThat(enabled.out()).startsWith("Telemetry enabled for every tool of the consent group 'acme'");
    assertThat(data("acme-deploy").journalEvents()).hasSize(1);
    assertThat(data("acme-deploy").journalEvents().get(0).get("user_id")).isNotEqualTo(before);
  }

  @Test
  void resetInOneToolAsksAgainForTheGroup() {
    bothGranted();

    AppRun.Result reset = deploy().run("telemetry", "reset");
    ScriptedPrompt again = ScriptedPrompt.answering(ConsentState.UNDECIDED);
    build().interactive(true).prompt(again).run();

    assertThat(reset.out()).startsWith("Telemetry reset for every tool of the consent group 'acme'");
    assertThat(again.questions).hasSize(1);
    assertThat(data("acme-build").journalEvents()).isEmpty();
  }

  @Test
  void aToolsOwnOptOutVariableAppliesToThatToolOnly() {
    build().run("telemetry", "enable");

    deploy().env("ACME_DEPLOY_TELEMETRY_DISABLED", "1").run();
    build().env("ACME_DEPLOY_TELEMETRY_DISABLED", "1").run();

    assertThat(data("acme-deploy").journalEvents()).isEmpty();
    assertThat(data("acme-build").journalEvents()).hasSize(1);
  }

  @Test
  void anEarlierNoOfAToolThatJoinsLaterStandsUntilTheUserChangesItThere() {
    tool("acme-deploy", null).run("telemetry", "disable");
    build().run("telemetry", "enable");

    deploy().run();
    String status = deploy().run("telemetry", "status").out();

    assertThat(data("acme-deploy").journalEvents()).isEmpty();
    assertThat(status).contains("decided by:  your choice for acme-deploy (since ")
        .contains("made before it joined the consent group 'acme'");
    deploy().run("telemetry", "enable");
    deploy().run();
    assertThat(data("acme-deploy").journalEvents()).hasSize(1);
  }

  @Test
  void anEarlierYesOfAToolThatJoinsLaterIsAskedAgainAndItKeepsItsId() throws Exception {
    AppRun alone = tool("acme-deploy", null);
    alone.run("telemetry", "enable");
    Object id = Json.parseObject(Files.readString(data("acme-deploy").stateFile())).get("user_id");
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.GRANTED);

    deploy().interactive(true).prompt(yes).run();

    assertThat(yes.questions).hasSize(1);
    assertThat(data("acme-deploy").journalEvents().get(0).get("user_id")).isEqualTo(id);
    assertThat(data("acme-deploy").stateFile()).doesNotExist(); // moved into the group's file
  }

  @Test
  void aToolInNoGroupIsAskedOnItsOwnAndWritesNoGroupFile() {
    ScriptedPrompt yes = ScriptedPrompt.answering(ConsentState.GRANTED);

    tool("acme-build", null).interactive(true).prompt(yes).run();

    assertThat(yes.questions.get(0).consentGroup()).isNull();
    assertThat(home().resolve("groups")).doesNotExist();
    assertThat(data("acme-build").stateFile()).exists();
  }
}

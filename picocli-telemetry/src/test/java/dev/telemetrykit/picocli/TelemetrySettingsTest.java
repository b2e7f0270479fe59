package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Settings made in code: the annotation's rules and defaults, and the user's variables still win. */
class TelemetrySettingsTest {
  @TempDir Path dir;

  static final String ENDPOINT = "https://telemetry.example.com";

  static HostEnvironment host(Map<String, String> env) {
    return new HostEnvironment(env, Path.of("/home/u"), new Properties(), System.err, false, null, null);
  }

  static final HostEnvironment STRICT = host(Map.of("TELEMETRY_KIT_STRICT", "1"));
  static final HostEnvironment USERS_RUN = host(Map.of("TELEMETRY_KIT_STRICT", "0"));

  @Test
  void holdsTheAnnotationsDefaultsForWhatIsNotSet() {
    TelemetryAnnotation declared = TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).build().declared();

    assertThat(declared).isEqualTo(new TelemetryAnnotation(
        "my-cli", "", ENDPOINT, "", 1, 10_000, false, "telemetry", 3600, 100, 250, "", "", true));
  }

  @Test
  void holdsEverySettingGiven() {
    TelemetryAnnotation declared = TelemetrySettings.builder("my-cli")
        .endpoint(URI.create("http://127.0.0.1:8080/t")).privacyUrl("https://example.com/p").version("1.2")
        .command("--telemetry").showInHelp(true).policyVersion(3).consentGroup("acme").maxQueuedEvents(50)
        .flushIntervalSeconds(60).flushAtEvents(5).exitWaitMillis(0).ingestKey("k3y-of-16-or-more").build().declared();

    assertThat(declared).isEqualTo(new TelemetryAnnotation("my-cli", "1.2", "http://127.0.0.1:8080/t",
        "https://example.com/p", 3, 50, true, "--telemetry", 60, 5, 0, "acme", "k3y-of-16-or-more", true));
  }

  @Test
  void aBadValueIsRefusedInStrictModeWithAMessageNamingTheSettingAndTheValue() {
    assertProblem(TelemetrySettings.builder("My CLI").endpoint(ENDPOINT),
        "TelemetrySettings.builder(name) needs a tool name of 1-64 lower-case letters, digits, '.', '_' or '-'"
            + " (starting with a letter or digit), but the name is 'My CLI'");
    assertProblem(TelemetrySettings.builder(null).endpoint(ENDPOINT), "but the name is null");
    assertProblem(TelemetrySettings.builder("my-cli"),
        "TelemetrySettings.endpoint must be set to an absolute http or https URL such as https://telemetry.example.com");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint("telemetry.example.com"),
        "TelemetrySettings.endpoint must be an absolute http or https URL such as https://telemetry.example.com,"
            + " but is 'telemetry.example.com' (it does not start with http:// or https://)");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).consentGroup("Acme Tools"),
        "TelemetrySettings.consentGroup must be 1-64 lower-case letters, digits, '.', '_' or '-'"
            + " (starting with a letter or digit), but is 'Acme Tools'");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).ingestKey("sixteen or more, but spaced"),
        "TelemetrySettings.ingestKey must be 16-256 visible ASCII characters without spaces or commas,"
            + " but has 27 characters, not all of them allowed");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).ingestKey("short"),
        "TelemetrySettings.ingestKey must be 16-256 visible ASCII characters without spaces or commas,"
            + " but has 5 characters");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).ingestKey("k".repeat(257)),
        "TelemetrySettings.ingestKey must be 16-256 visible ASCII characters without spaces or commas,"
            + " but has 257 characters");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).policyVersion(0),
        "TelemetrySettings.policyVersion must be 1 or more, but is 0");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).exitWaitMillis(-1),
        "TelemetrySettings.exitWaitMillis must be 0 or more, but is -1");
    assertProblem(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).command(null),
        "TelemetrySettings.command must not be null");
  }

  private static void assertProblem(TelemetrySettings.Builder builder, String message) {
    assertThatThrownBy(() -> builder.build(STRICT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void underATestFrameworkBuildIsStrictWithoutBeingTold() {
    assertThatThrownBy(() -> TelemetrySettings.builder("my-cli").endpoint("ftp://x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ftp://x'");
  }

  static CommandLine programmatic() {
    CommandSpec spec = CommandSpec.create().name("spec-name");
    spec.addOption(OptionSpec.builder("--count").type(int.class).build());
    CommandLine cl = new CommandLine(spec);
    cl.setExecutionStrategy(pr -> {
      pr.commandSpec().commandLine().getOut().println("count=" + pr.matchedOptionValue("--count", 0));
      return 0;
    });
    return cl;
  }

  AppRun programmaticApp(TelemetrySettings.Builder settings) {
    return programmaticApp(settings, AppRun.of(TelemetrySettingsTest::programmatic, dir.resolve("home")));
  }

  /** {@code app} with {@code settings} built in its environment, as its own run would build them. */
  static AppRun programmaticApp(TelemetrySettings.Builder settings, AppRun app) {
    return app.settings(settings.build(app.host()).declared());
  }

  @Test
  void aProgrammaticCommandSpecRecordsUnderTheToolNameAndEndpointOfItsSettings() {
    AppRun app = programmaticApp(TelemetrySettings.builder("staging-cli").endpoint("https://staging.example.com")
        .version("1.2-rc1"));
    assertThat(app.run("telemetry", "enable").exitCode()).isZero();

    AppRun.Result[] r = app.withoutAndWith("--count", "4");

    assertThat(r[1]).isEqualTo(r[0]);
    DataDir data = new DataDir(dir.resolve("home"), "staging-cli");
    assertThat(data.journalEvents()).hasSize(1);
    assertThat(DataDir.metadata(data.journalEvents().get(0)))
        .containsEntry("command", "spec-name").containsEntry("version", "1.2-rc1");
    assertThat(app.run("telemetry", "status").out())
        .contains("Telemetry for staging-cli: enabled")
        .contains("endpoint:    https://staging.example.com (TelemetrySettings.endpoint)");
  }

  @Test
  void theUsersEndpointVariablesStillWinOverTheSettings() {
    AppRun app = programmaticApp(TelemetrySettings.builder("staging-cli").endpoint("https://staging.example.com"))
        .property(TelemetryConfig.ENDPOINT_PROPERTY, "https://property.example.com")
        .env("TELEMETRY_KIT_ENDPOINT", "https://machine.example.com");
    assertThat(app.run("telemetry", "status").out())
        .contains("endpoint:    https://machine.example.com (TELEMETRY_KIT_ENDPOINT)");

    app.env("STAGING_CLI_TELEMETRY_ENDPOINT", "https://mine.example.com");

    assertThat(app.run("telemetry", "status").out())
        .contains("endpoint:    https://mine.example.com (STAGING_CLI_TELEMETRY_ENDPOINT)");
  }

  @Test
  void thePropertyWinsOverTheSettingsAndTheSettingsOverNothing() {
    TelemetryAnnotation declared =
        TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).build(STRICT).declared();

    TelemetryConfig none = TelemetryConfig.from(declared, "my-cli", Map.of(), dir, "Linux", null);
    TelemetryConfig property = TelemetryConfig.from(declared, "my-cli", Map.of(), dir, "Linux", "https://p.example.com");

    assertThat(none.endpoint()).isEqualTo(ENDPOINT);
    assertThat(none.endpointSource()).isEqualTo("TelemetrySettings.endpoint");
    assertThat(none.endpointFromEnvironment()).isFalse();
    assertThat(property.endpoint()).isEqualTo("https://p.example.com");
    assertThat(property.endpointFromEnvironment()).isTrue();
  }

  @Test
  void inAUsersRunABadEndpointRunsTheAppWithoutTelemetryAndStatusNamesIt() {
    AppRun app = programmaticApp(TelemetrySettings.builder("my-cli").endpoint("telemetry.example.com"),
        AppRun.of(TelemetrySettingsTest::programmatic, dir.resolve("home")).env("TELEMETRY_KIT_STRICT", "0"));
    assertThat(app.run("telemetry", "enable").exitCode()).isZero();

    AppRun.Result[] r = app.withoutAndWith("--count", "2");

    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(new DataDir(dir.resolve("home"), "my-cli").journalEvents()).isEmpty();
    assertThat(app.run("telemetry", "status").out())
        .contains("TelemetrySettings.endpoint must be an absolute http or https URL");
  }

  @Test
  void inAUsersRunANumberOutOfRangeRunsTheAppWithoutTelemetry() {
    TelemetrySettings settings = TelemetrySettings.builder("my-cli").endpoint(ENDPOINT).maxQueuedEvents(0)
        .build(USERS_RUN);

    assertThat(settings.declared()).isNull();
  }

  @Test
  void anOptedOutRunWithSettingsTouchesNothing() {
    AppRun app = programmaticApp(TelemetrySettings.builder("my-cli").endpoint(ENDPOINT)).env("DO_NOT_TRACK", "1");

    AppRun.Result[] r = app.withoutAndWith("--count", "2");

    assertThat(r[1]).isEqualTo(r[0]);
    assertThat(dir.resolve("home")).doesNotExist();
  }

  @Test
  void installAndExecuteRefuseNoSettings() {
    assertThatThrownBy(() -> Telemetry.install(programmatic(), (TelemetrySettings) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The parameter 'settings' must not be null");
    assertThatThrownBy(() -> Telemetry.execute(new Object(), (TelemetrySettings) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The parameter 'settings' must not be null");
  }
}

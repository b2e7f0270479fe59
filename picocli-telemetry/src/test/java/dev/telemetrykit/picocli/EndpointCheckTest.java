package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.apps.SchemelessEndpointCli;
import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint that is not an absolute http(s) URL. In the annotation it is the author's mistake:
 * thrown in strict mode, else the app runs as without telemetry. In {@code TELEMETRY_KIT_ENDPOINT}
 * it is the user's: events are recorded and stay queued. {@code telemetry status} names either.
 */
class EndpointCheckTest {
  static final String RULE = "must be an absolute http or https URL such as https://telemetry.example.com";

  @TempDir Path home;

  AppRun typo() {
    return AppRun.of(SchemelessEndpointCli::commandLine, home);
  }

  AppRun shop() {
    return AppRun.of(ShopCli::commandLine, home);
  }

  @Test
  void inTheAuthorsTestsAnEndpointWithoutSchemeThrowsNamingTheValueAndTheRule() {
    assertThatThrownBy(() -> typo().run("telemetry", "enable"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("@TelemetryEnabled(endpoint) " + RULE + ", but is 'telemetry.example.com' "
            + "(it does not start with http:// or https://)");
  }

  @Test
  void theAuthorsMistakeThrowsInStrictModeEvenWhenTheEnvironmentReplacesTheEndpoint() {
    assertThatThrownBy(() -> typo().env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:1").run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'telemetry.example.com'");
  }

  @Test
  void inAUsersRunTheAppRunsAsWithoutTelemetryRecordsNothingAndStatusNamesTheMistake() throws Exception {
    AppRun users = typo().env("TELEMETRY_KIT_STRICT", "0");
    users.run("telemetry", "enable");
    AppRun.Result[] plainAndInstalled = users.env("TELEMETRY_KIT_FLUSH_INTERVAL", "0").withoutAndWith();

    assertThat(plainAndInstalled[1]).isEqualTo(plainAndInstalled[0]);
    assertThat(plainAndInstalled[1].out()).isEqualTo("built\n");
    DataDir data = new DataDir(home, "typo-cli");
    assertThat(data.journalEvents()).isEmpty();
    assertThat(Files.exists(home.resolve("typo-cli.upload.claim"))).isFalse();
    AppRun.Result status = users.run("telemetry", "status");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("    - @TelemetryEnabled(endpoint) " + RULE + ", but is 'telemetry.example.com' "
        + "(it does not start with http:// or https://); nothing is recorded or sent (a mistake in typo-cli)");
  }

  @Test
  void aBadEndpointInTheEnvironmentKeepsEventsQueuedStartsNoUploadAndStatusSaysWhy() throws Exception {
    AppRun app = shop().env("TELEMETRY_KIT_ENDPOINT", "ftp://collector.local").env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
    app.run("telemetry", "enable");

    AppRun.Result run = app.run("status");

    assertThat(run.out()).isEqualTo("all systems ok\n");
    assertThat(run.err()).isEmpty();
    assertThat(new DataDir(home, "shop-cli").journalEvents()).hasSize(1);
    assertThat(Files.exists(home.resolve("shop-cli.upload.claim"))).isFalse();
    assertThat(app.run("telemetry", "status").out())
        .contains("  endpoint:    ftp://collector.local (TELEMETRY_KIT_ENDPOINT)\n")
        .contains("    - TELEMETRY_KIT_ENDPOINT " + RULE + ", but is 'ftp://collector.local' "
            + "(it does not start with http:// or https://); events stay queued and nothing is sent until it is "
            + "corrected or unset");
  }

  @Test
  void aBadEndpointInTheToolsOwnVariableIsTheUsersMistakeNeverThrownAndStatusSaysWhy() throws Exception {
    AppRun app = shop().env("SHOP_CLI_TELEMETRY_ENDPOINT", "collector.local")
        .env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:1").env("TELEMETRY_KIT_STRICT", "1")
        .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0");
    app.run("telemetry", "enable");

    AppRun.Result run = app.run("status");

    assertThat(run.out()).isEqualTo("all systems ok\n");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(new DataDir(home, "shop-cli").journalEvents()).hasSize(1);
    assertThat(Files.exists(home.resolve("shop-cli.upload.claim"))).isFalse();
    assertThat(app.run("telemetry", "status").out())
        .contains("  endpoint:    collector.local (SHOP_CLI_TELEMETRY_ENDPOINT)\n")
        .contains("    - SHOP_CLI_TELEMETRY_ENDPOINT " + RULE + ", but is 'collector.local' "
            + "(it does not start with http:// or https://); events stay queued and nothing is sent until it is "
            + "corrected or unset");
  }

  @Test
  void aBadEndpointInTheSystemPropertyIsTheUsersMistakeAndNeverThrows() {
    AppRun app = shop().property("telemetrykit.endpoint", "ftp://collector.local").env("TELEMETRY_KIT_STRICT", "1");
    app.run("telemetry", "enable");

    AppRun.Result run = app.run("status");

    assertThat(run.out()).isEqualTo("all systems ok\n");
    assertThat(run.exitCode()).isZero();
    assertThat(new DataDir(home, "shop-cli").journalEvents()).hasSize(1);
    assertThat(app.run("telemetry", "status").out())
        .contains("    - system property telemetrykit.endpoint " + RULE + ", but is 'ftp://collector.local'");
  }

  @Test
  void aBadEndpointInTheEnvironmentIsTheUsersMistakeAndNeverThrows() {
    AppRun.Result run = shop().env("TELEMETRY_KIT_ENDPOINT", "collector.local").env("TELEMETRY_KIT_STRICT", "1")
        .run("status");

    assertThat(run.out()).isEqualTo("all systems ok\n");
    assertThat(run.exitCode()).isZero();
  }
}

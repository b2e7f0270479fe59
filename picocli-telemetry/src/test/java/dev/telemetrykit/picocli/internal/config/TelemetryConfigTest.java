package dev.telemetrykit.picocli.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetryConfigTest {
  static final TelemetryAnnotation DECLARED =
      new TelemetryAnnotation("", "", "https://t.example.com", "", 1, 10_000, false, "telemetry", 3600, 100, 250);

  @Test
  void defaultsComeFromTheAnnotationAndHome() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli", Map.of(), Path.of("/home/u"));
    assertThat(c.endpoint()).isEqualTo("https://t.example.com");
    assertThat(c.home()).isEqualTo(Path.of("/home/u/.telemetry-kit"));
    assertThat(c.stateFile()).isEqualTo(Path.of("/home/u/.telemetry-kit/my-cli.json"));
    assertThat(c.policyFile()).isEqualTo(Path.of("/etc/telemetry-kit/policy.json"));
    assertThat(c.optOut()).isNull();
    assertThat(c.ci()).isFalse();
    assertThat(c.debug()).isFalse();
  }

  @Test
  void environmentOverridesEndpointHomeAndPolicy() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:9", "TELEMETRY_KIT_HOME", "/data",
            "TELEMETRY_KIT_POLICY_FILE", "/p.json", "TELEMETRY_KIT_DEBUG", "1", "CI", "true"),
        Path.of("/home/u"));
    assertThat(c.endpoint()).isEqualTo("http://127.0.0.1:9");
    assertThat(c.databaseFile()).isEqualTo(Path.of("/data/my-cli.db"));
    assertThat(c.policyFile()).isEqualTo(Path.of("/p.json"));
    assertThat(c.debug()).isTrue();
    assertThat(c.ci()).isTrue();
  }

  @Test
  void strongestOptOutIsNamed() {
    assertThat(TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("TELEMETRY_KIT_DISABLED", "1", "DO_NOT_TRACK", "yes", "MY_CLI_TELEMETRY_DISABLED", "1"), Path.of("/h"))
        .optOut()).isEqualTo("DO_NOT_TRACK=yes");
    assertThat(TelemetryConfig.from(DECLARED, "my-cli", Map.of("MY_CLI_TELEMETRY_DISABLED", "on"), Path.of("/h"))
        .optOut()).isEqualTo("MY_CLI_TELEMETRY_DISABLED=on");
  }

  @ParameterizedTest
  @CsvSource({"my-cli, MY_CLI_TELEMETRY_DISABLED", "tool.v2, TOOL_V2_TELEMETRY_DISABLED", "x_y-9, X_Y_9_TELEMETRY_DISABLED"})
  void toolVariableUpperCasesAndReplacesOtherCharacters(String tool, String variable) {
    assertThat(HostEnvironment.toolOptOutVariable(tool)).isEqualTo(variable);
  }

  @ParameterizedTest
  @CsvSource({"'1.2.0', 1.2.0", "'my-cli 1.2.0', 1.2.0", "'my-cli version 2.0-rc1 (build 7)', 2.0-rc1",
      "'Tool v3.4', 3.4", "'', unknown", "'dev', dev", "'1.0\nsecond line', 1.0"})
  void versionIsTakenFromTheVersionText(String text, String version) {
    assertThat(dev.telemetrykit.picocli.internal.VersionSource.versionOf(text)).isEqualTo(version);
  }

  @Test
  void invalidToolNameTellsTheAuthorWhatToSet() {
    assertThatThrownBy(() -> TelemetryConfig.requireValidName("<main class>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Set @Command(name = \"my-cli\") or @TelemetryEnabled(name = \"my-cli\")");
  }

  @Test
  void falseCiValueIsNotCi() {
    assertThat(TelemetryConfig.from(DECLARED, "my-cli", Map.of("CI", "false"), Path.of("/h")).ci()).isFalse();
  }
}

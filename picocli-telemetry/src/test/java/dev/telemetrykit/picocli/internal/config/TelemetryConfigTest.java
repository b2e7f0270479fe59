package dev.telemetrykit.picocli.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
  void aConsentGroupIsNamedByTheRuleOfToolNamesAndHasItsFileInGroups() {
    TelemetryAnnotation grouped = new TelemetryAnnotation(
        "", "", "https://t.example.com", "", 1, 10_000, false, "telemetry", 3600, 100, 250, "acme.tools", "", false);
    TelemetryAnnotation badly = new TelemetryAnnotation(
        "", "", "https://t.example.com", "", 1, 10_000, false, "telemetry", 3600, 100, 250, "../acme", "", false);

    TelemetryConfig c = TelemetryConfig.from(grouped, "my-cli", Map.of(), Path.of("/home/u"));

    assertThat(c.groupStateFile()).isEqualTo(Path.of("/home/u/.telemetry-kit/groups/acme.tools.json"));
    assertThat(TelemetryConfig.from(DECLARED, "my-cli", Map.of(), Path.of("/home/u")).groupStateFile()).isNull();
    assertThatThrownBy(() -> TelemetryConfig.from(badly, "my-cli", Map.of(), Path.of("/home/u")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("@TelemetryEnabled(consentGroup) must be 1-64 lower-case letters, digits, '.', '_' or '-'"
            + " (starting with a letter or digit), but is '../acme'");
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
  static TelemetryAnnotation declaring(String endpoint) {
    return new TelemetryAnnotation("", "", endpoint, "", 1, 10_000, false, "telemetry", 3600, 100, 250);
  }

  @ParameterizedTest
  @ValueSource(strings = {"telemetry.example.com", "ftp://telemetry.example.com", "http://", "https://",
      "https:// telemetry.example.com", "https://telemetry.example.com/my path", " https://telemetry.example.com",
      "https://telemetry.example.com?key=1", "https://telemetry.example.com#x", "https://:8080",
      "https://telemetry.example.com:port", "https://telemetry.example.com:99999", "http://host:80:90", "http://[::1", "http://[]:80", "https://user:pw@example.com",
      "https://télémétrie.example.com", "file:///tmp/x", "", "//telemetry.example.com"})
  void anEndpointThatIsNotAnAbsoluteHttpUrlIsNamedWithTheRule(String endpoint) {
    TelemetryConfig c = TelemetryConfig.from(declaring(endpoint), "my-cli", Map.of(), Path.of("/home/u"));

    assertThat(c.endpointProblem())
        .startsWith("@TelemetryEnabled(endpoint) must be an absolute http or https URL such as "
            + "https://telemetry.example.com, but is '" + endpoint + "' (");
    assertThat(c.endpointFromEnvironment()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://telemetry.example.com", "http://127.0.0.1:1", "HTTPS://Telemetry.Example.com/",
      "https://telemetry.example.com/base/path", "http://[::1]:8080", "https://xn--tlmtrie-cxab.example.com/%20x"})
  void anAbsoluteHttpUrlIsAccepted(String endpoint) {
    assertThat(TelemetryConfig.from(declaring(endpoint), "my-cli", Map.of(), Path.of("/home/u")).endpointProblem())
        .isNull();
  }

  @Test
  void aBadEndpointFromTheEnvironmentIsNamedAsTheUsersSetting() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("TELEMETRY_KIT_ENDPOINT", "ftp://collector.local"), Path.of("/home/u"));

    assertThat(c.endpoint()).isEqualTo("ftp://collector.local");
    assertThat(c.endpointFromEnvironment()).isTrue();
    assertThat(c.endpointProblem()).isEqualTo("TELEMETRY_KIT_ENDPOINT must be an absolute http or https URL such as "
        + "https://telemetry.example.com, but is 'ftp://collector.local' (it does not start with http:// or https://)");
  }

  static TelemetryConfig withEndpoints(Map<String, String> env, String property) {
    return TelemetryConfig.from(DECLARED, "my-cli", env, Path.of("/home/u"), "Linux", property);
  }

  @Test
  void theToolsOwnEndpointVariableBeatsTheMachineWideOneThePropertyAndTheAnnotation() {
    TelemetryConfig c = withEndpoints(Map.of("MY_CLI_TELEMETRY_ENDPOINT", "http://tool.local",
        "TELEMETRY_KIT_ENDPOINT", "http://machine.local"), "http://property.local");

    assertThat(c.endpoint()).isEqualTo("http://tool.local");
    assertThat(c.endpointSource()).isEqualTo("MY_CLI_TELEMETRY_ENDPOINT");
    assertThat(c.endpointFromEnvironment()).isTrue();
  }

  @Test
  void theMachineWideVariableBeatsThePropertyAndAnotherToolsVariableIsIgnored() {
    TelemetryConfig c = withEndpoints(Map.of("OTHER_CLI_TELEMETRY_ENDPOINT", "http://other.local",
        "TELEMETRY_KIT_ENDPOINT", "http://machine.local"), "http://property.local");

    assertThat(c.endpoint()).isEqualTo("http://machine.local");
    assertThat(c.endpointSource()).isEqualTo("TELEMETRY_KIT_ENDPOINT");
  }

  @Test
  void thePropertyBeatsTheAnnotationAndBlankSettingsAreSkipped() {
    TelemetryConfig c = withEndpoints(Map.of("MY_CLI_TELEMETRY_ENDPOINT", "  ", "TELEMETRY_KIT_ENDPOINT", ""),
        " http://property.local ");

    assertThat(c.endpoint()).isEqualTo("http://property.local");
    assertThat(c.endpointSource()).isEqualTo("system property telemetrykit.endpoint");
    assertThat(c.endpointFromEnvironment()).isTrue();
  }

  @Test
  void withNothingSetTheAnnotationsEndpointIsUsedAndNamed() {
    TelemetryConfig c = withEndpoints(Map.of(), " ");

    assertThat(c.endpoint()).isEqualTo("https://t.example.com");
    assertThat(c.endpointSource()).isEqualTo("@TelemetryEnabled(endpoint)");
    assertThat(c.endpointFromEnvironment()).isFalse();
  }

  @Test
  void theHostsSystemPropertyIsRead() {
    Properties properties = new Properties();
    properties.setProperty("os.name", "Linux");
    properties.setProperty("telemetrykit.endpoint", "http://property.local");
    HostEnvironment host = new HostEnvironment(Map.of(), Path.of("/home/u"), properties, System.err, false, null, null);

    assertThat(TelemetryConfig.from(DECLARED, "my-cli", host).endpoint()).isEqualTo("http://property.local");
  }

  @Test
  void aBadEndpointInTheToolsVariableOrThePropertyIsNamedAsTheUsersSetting() {
    TelemetryConfig tool = withEndpoints(Map.of("MY_CLI_TELEMETRY_ENDPOINT", "collector.local"), null);
    TelemetryConfig property = withEndpoints(Map.of(), "ftp://collector.local");

    assertThat(tool.endpointFromEnvironment()).isTrue();
    assertThat(tool.endpointProblem()).isEqualTo("MY_CLI_TELEMETRY_ENDPOINT must be an absolute http or https URL "
        + "such as https://telemetry.example.com, but is 'collector.local' (it does not start with http:// or https://)");
    assertThat(property.endpointFromEnvironment()).isTrue();
    assertThat(property.endpointProblem()).isEqualTo("system property telemetrykit.endpoint must be an absolute http "
        + "or https URL such as https://telemetry.example.com, but is 'ftp://collector.local' "
        + "(it does not start with http:// or https://)");
  }

  @ParameterizedTest
  @CsvSource({"my-cli, MY_CLI_TELEMETRY_ENDPOINT", "tool.v2, TOOL_V2_TELEMETRY_ENDPOINT", "sample-cli, SAMPLE_CLI_TELEMETRY_ENDPOINT"})
  void theToolsEndpointVariableIsNamedAsItsOptOut(String tool, String variable) {
    assertThat(HostEnvironment.toolEndpointVariable(tool)).isEqualTo(variable);
  }

  @Test
  void aRelativeHomeIsResolvedAgainstTheWorkingDirectoryOnce() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("TELEMETRY_KIT_HOME", "data/telemetry", "TELEMETRY_KIT_POLICY_FILE", "policy.json"), Path.of("/home/u"));

    Path workingDirectory = Path.of(System.getProperty("user.dir"));
    assertThat(c.home()).isAbsolute().isEqualTo(workingDirectory.resolve("data/telemetry"));
    assertThat(c.policyFile()).isAbsolute().isEqualTo(workingDirectory.resolve("policy.json"));
  }

  @ParameterizedTest
  @CsvSource({"Linux", "Mac OS X", "FreeBSD"})
  void elsewhereThanWindowsTheDefaultsStayWhereTheyAre(String os) {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("LOCALAPPDATA", "/should/not/be/used", "ProgramData", "/nor/this"), Path.of("/home/u"), os);

    assertThat(c.home()).isEqualTo(Path.of("/home/u/.telemetry-kit"));
    assertThat(c.policyFile()).isEqualTo(Path.of("/etc/telemetry-kit/policy.json"));
  }

  @Test
  void onWindowsTheDataLivesInLocalAppDataAndThePolicyInProgramData() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local", "USERPROFILE", "C:\\Users\\other",
            "ProgramData", "D:\\ProgramData"),
        Path.of("C:\\Users\\ann"), "Windows 11");

    assertThat(c.home()).isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Local\\telemetry-kit"));
    assertThat(c.policyFile()).isEqualTo(Path.of("D:\\ProgramData\\telemetry-kit\\policy.json"));
  }

  @Test
  void onWindowsWithoutLocalAppDataTheUserProfileThenUserHomeIsUsed() {
    TelemetryConfig profile = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("USERPROFILE", "C:\\Users\\ann\\"), Path.of("C:\\Users\\home"), "Windows Server 2022");
    TelemetryConfig home = TelemetryConfig.from(DECLARED, "my-cli", Map.of(), Path.of("C:\\Users\\home"), "Windows 10");

    assertThat(profile.home()).isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Local\\telemetry-kit"));
    assertThat(home.home()).isEqualTo(Path.of("C:\\Users\\home\\AppData\\Local\\telemetry-kit"));
    assertThat(home.policyFile()).isEqualTo(Path.of("C:\\ProgramData\\telemetry-kit\\policy.json"));
  }

  @Test
  void onWindowsTheEnvironmentVariablesStillWin() {
    TelemetryConfig c = TelemetryConfig.from(DECLARED, "my-cli",
        Map.of("TELEMETRY_KIT_HOME", "/data", "TELEMETRY_KIT_POLICY_FILE", "/p.json",
            "LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local"), Path.of("/home/u"), "Windows 11");

    assertThat(c.home()).isEqualTo(Path.of("/data"));
    assertThat(c.policyFile()).isEqualTo(Path.of("/p.json"));
  }

  @Test
  void theOperatingSystemIsTheHostEnvironmentsNotThisJvms() {
    Properties windows = new Properties();
    windows.setProperty("os.name", "Windows 11");
    HostEnvironment host = new HostEnvironment(Map.of("LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local"),
        Path.of("C:\\Users\\ann"), windows, System.err, false, null, null);

    assertThat(TelemetryConfig.from(DECLARED, "my-cli", host).home())
        .isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Local\\telemetry-kit"));
  }
}

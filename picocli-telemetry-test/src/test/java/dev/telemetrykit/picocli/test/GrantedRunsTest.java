package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.test.example.ShipIt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The kit as an author uses it: a granted user, the CLI run in-process, its events read back. */
class GrantedRunsTest {
  @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.granted();

  @Test
  void aSubcommandIsRecordedWithOptionNamesAndOnlyItsSafeAndEnumValues() {
    int exitCode = Telemetry.execute(new ShipIt(), "deploy", "--target", "staging", "--token", "s3cr3t",
        "--strategy", "BLUE_GREEN");

    RecordedEvent run = telemetry.assertOneCommand("deploy");
    assertThat(exitCode).isZero();
    assertThat(run.tool()).isEqualTo("shipit");
    assertThat(run.options()).containsExactlyInAnyOrder("--target", "--token", "--strategy");
    assertThat(run.optionValues()).isEqualTo(Map.of("--target", "staging", "--strategy", "BLUE_GREEN"));
    assertThat(run.toString()).doesNotContain("s3cr3t");
    assertThat(run.success()).isTrue();
    assertThat(run.exitCode()).isZero();
    assertThat(run.durationMillis()).isNotNegative();
    assertThat(run.error()).isNull();
    assertThat(run.metadata()).containsEntry("version", "2.1.0");
    assertThat(run.userId()).matches("[0-9a-f]{64}");
  }

  @Test
  void aFailingRunIsRecordedWithItsExitCodeAndExceptionClassButNoMessage() {
    int exitCode = Telemetry.execute(new ShipIt(), "deploy", "-t", "broken", "--token", "s3cr3t");

    RecordedEvent run = telemetry.assertOneCommand("deploy");
    assertThat(exitCode).isEqualTo(1);
    assertThat(run.success()).isFalse();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.error()).isEqualTo(IllegalStateException.class.getName());
    assertThat(run.toString()).doesNotContain("cannot reach").doesNotContain("s3cr3t");
  }

  @Test
  void aCustomEventIsReadWithItsProperties() {
    Telemetry.execute(new ShipIt(), "export", "--rows", "1200");

    RecordedEvent export = telemetry.assertOneCustomEvent("export_finished");
    assertThat(export.properties()).isEqualTo(Map.of("rows", 1200L, "format", "csv"));
    assertThat(export.sessionId()).isEqualTo(telemetry.assertOneCommand("export").sessionId());
    assertThat(telemetry.customEvents("export_finished")).containsExactly(export);
  }

  @Test
  void aCustomEventTrackedAfterTheRunIsReadToo() {
    Telemetry.execute(new ShipIt(), "export", "--rows", "1");
    Telemetry.trackFeature("dry-run");

    assertThat(telemetry.assertOneCustomEvent("feature_used").properties()).isEqualTo(Map.of("feature", "dry-run"));
  }

  @Test
  void everyRunIsRecordedInOrder() {
    Telemetry.execute(new ShipIt(), "deploy", "-t", "a");
    Telemetry.execute(new ShipIt(), "export");
    Telemetry.execute(new ShipIt());

    assertThat(telemetry.commands()).extracting(RecordedEvent::command).containsExactly("deploy", "export", "shipit");
    assertThatThrownBy(() -> telemetry.assertOneCommand("deploy"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected one recorded run of 'deploy', but 3 were");
    assertThatThrownBy(telemetry::assertNothingRecorded).isInstanceOf(AssertionError.class);
  }

  @Test
  void aCustomEventHasNoCommandFields() {
    Telemetry.execute(new ShipIt(), "export", "--rows", "3");

    assertThatThrownBy(() -> telemetry.assertOneCustomEvent("export_finished").exitCode())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("belongs to a command's run");
  }

  @Test
  void theRunsLeaveTheUsersOwnDirectoryAlone(@TempDir Path userHome) throws Exception {
    String realHome = System.getProperty("user.home");
    System.setProperty("user.home", userHome.toString());
    try {
      Telemetry.execute(new ShipIt(), "deploy");
    } finally {
      System.setProperty("user.home", realHome);
    }

    assertThat(userHome).isEmptyDirectory();
    assertThat(telemetry.events()).hasSize(1);
    try (Stream<Path> files = Files.walk(telemetry.home())) {
      assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty();
    }
  }

  @Test
  void eachTestStartsWithNothingRecorded() {
    assertThat(telemetry.events()).isEmpty();
    Telemetry.execute(new ShipIt(), "deploy");
    assertThat(telemetry.events()).hasSize(1);
  }

  @Test
  void aChangeOfConsentAppliesToTheRunsThatFollow() {
    Telemetry.execute(new ShipIt(), "deploy");
    telemetry.consent(Consent.DENIED);
    Telemetry.execute(new ShipIt(), "export");

    assertThat(telemetry.commands()).extracting(RecordedEvent::command).isEqualTo(List.of("deploy"));
  }
}

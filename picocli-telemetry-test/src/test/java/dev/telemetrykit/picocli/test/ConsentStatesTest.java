package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.test.example.ShipIt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each consent a test can set in one line, and what the CLI's runs then record: nothing but under granted. */
class ConsentStatesTest {
  @Nested
  class Denied {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.denied();

    @Test
    void nothingIsRecordedAndTheRunIsUnchanged() {
      assertThat(Telemetry.execute(new ShipIt(), "deploy", "-t", "broken")).isEqualTo(1);
      assertThat(Telemetry.execute(new ShipIt(), "export", "--rows", "5")).isZero();

      telemetry.assertNothingRecorded();
      assertThat(telemetry.consent()).isEqualTo(Consent.DENIED);
    }

    @Test
    void enablingThroughTheManagementCommandRecordsTheRunsThatFollow() {
      assertThat(Telemetry.execute(new ShipIt(), "telemetry", "enable")).isZero();
      Telemetry.execute(new ShipIt(), "deploy");

      telemetry.assertOneCommand("deploy");
    }
  }

  @Nested
  class Undecided {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.undecided();

    @Test
    void nothingIsRecordedAndNoBoxShowsWithoutATerminal() {
      assertThat(Telemetry.execute(new ShipIt(), "deploy")).isZero();

      telemetry.assertNothingRecorded();
      assertThatThrownBy(() -> telemetry.assertOneCommand("deploy"))
          .hasMessageContaining("none was (consent: UNDECIDED");
    }
  }

  @Nested
  class OptedOut {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.optedOut();

    @Test
    void nothingIsRecordedEvenAfterTheUserEnables() {
      Telemetry.execute(new ShipIt(), "telemetry", "enable");
      assertThat(Telemetry.execute(new ShipIt(), "deploy")).isZero();

      telemetry.assertNothingRecorded();
    }
  }

  @Nested
  class GrantedLater {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.with(Consent.UNDECIDED);

    @Test
    void grantingMidTestRecordsFromThenOn() {
      Telemetry.execute(new ShipIt(), "deploy");
      telemetry.consent(Consent.GRANTED);
      Telemetry.execute(new ShipIt(), "export");

      telemetry.assertOneCommand("export");
    }
  }
}

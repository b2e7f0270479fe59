package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetrySettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A tool in a consent group gets the consent the test asks for, as a tool of its own does. */
class ConsentGroupKitTest {
  @Command(name = "acme-build")
  static final class AcmeBuild implements Runnable {
    @Override
    public void run() {}
  }

  private static final TelemetrySettings GROUPED =
      TelemetrySettings.builder("acme-build").endpoint("https://telemetry.example.com").consentGroup("acme").build();

  private static int run(String... args) {
    return Telemetry.install(new CommandLine(new AcmeBuild()), GROUPED).execute(args);
  }

  @Nested
  class Granted {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.granted();

    @Test
    void theGroupedToolsRunIsRecorded() {
      assertThat(run()).isZero();

      assertThat(telemetry.commands()).hasSize(1);
    }
  }

  @Nested
  class Denied {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.denied();

    @Test
    void nothingIsRecordedUntilTheUserEnables() {
      run();
      telemetry.assertNothingRecorded();

      assertThat(run("telemetry", "enable")).isZero();
      run();
      assertThat(telemetry.commands()).hasSize(1);
    }
  }

  @Nested
  class ChangedMidTest {
    @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.denied();

    @Test
    void aNewConsentReplacesTheGroupsAnswer() {
      run();
      telemetry.consent(Consent.GRANTED);
      run();

      assertThat(telemetry.commands()).hasSize(1);
    }
  }
}

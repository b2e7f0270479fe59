package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetrykit.picocli.testing.AppRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What an author sees when the annotation is missing, and when that is not checked. */
class InstallTest {
  @TempDir Path dir;

  @Command(name = "plain-cli")
  static class Unannotated implements Runnable {
    @Override
    public void run() {}
  }

  AppRun unannotatedApp() {
    return AppRun.of(() -> new CommandLine(new Unannotated()), dir.resolve("home"));
  }

  @Test
  void anAppWithoutTheAnnotationIsToldWhatToAdd() {
    assertThatThrownBy(() -> unannotatedApp().run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Telemetry needs @TelemetryEnabled on the top-level command class")
        .hasMessageContaining(Unannotated.class.getName())
        .hasMessageContaining("@TelemetryEnabled(endpoint = \"https://telemetry.example.com\")");
  }

  @Test
  void anOptOutForEveryToolEndsTheRunBeforeTheAnnotationIsRead() {
    AppRun.Result r = unannotatedApp().env("DO_NOT_TRACK", "1").run();

    assertThat(r.exitCode()).isZero();
  }

  @Test
  void theToolsOwnOptOutNeedsTheToolsNameSoTheAnnotationIsRead() {
    assertThatThrownBy(() -> unannotatedApp().env("PLAIN_CLI_TELEMETRY_DISABLED", "1").run())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

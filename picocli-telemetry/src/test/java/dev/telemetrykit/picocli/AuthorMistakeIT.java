package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.LateStrategyMain;
import dev.telemetrykit.picocli.apps.MistakenMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An author's mistake with custom events never fails an end user's run: the command goes on and
 * exits as it would, the event is dropped, and {@code telemetry status} says so. In the author's
 * own tests and debug runs the same mistake throws, naming it.
 */
class AuthorMistakeIT {
  @TempDir Path dir;

  JavaProcess app() {
    return JavaProcess.of(MistakenMain.class, dir)
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void aReservedPropertyKeyInAUsersRunIsDroppedAndShownByStatus() throws Exception {
    app().withoutTestFrameworks().run("telemetry", "enable");

    JavaProcess.Result run = app().withoutTestFrameworks().run();
    JavaProcess.Result status = app().withoutTestFrameworks().run("telemetry", "status");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("exported\ndone\n");
    assertThat(run.err()).isEmpty();
    assertThat(new DataDir(dir.resolve("home"), "mistaken-cli").journalEvents())
        .extracting(e -> e.get("event_type")).containsExactly("command_executed");
    assertThat(status.out()).contains("mistaken-cli passed 3 invalid events to telemetry");
  }

  @Test
  void theSameMistakeUnderATestFrameworkThrowsNamingIt() throws Exception {
    app().run("telemetry", "enable");

    JavaProcess.Result run = app().run();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("exported\n");
    assertThat(run.err()).contains("Property key 'duration_ms' is reserved");
  }

  @Test
  void debugModeMakesItLoudOnAUsersMachineToo() throws Exception {
    app().withoutTestFrameworks().run("telemetry", "enable");

    JavaProcess.Result run = app().withoutTestFrameworks().env("TELEMETRY_KIT_DEBUG", "1").run();

    assertThat(run.err()).contains("Property key 'duration_ms' is reserved");
  }

  @Test
  void aStrategySetAfterInstallIsNamedInDebugMode() throws Exception {
    JavaProcess late = JavaProcess.of(LateStrategyMain.class, dir)
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    late.run("telemetry", "enable");

    JavaProcess.Result quiet = late.run("order", "apple");
    JavaProcess.Result debug = late.env("TELEMETRY_KIT_DEBUG", "1").run("order", "apple");

    assertThat(quiet.err()).isEmpty();
    assertThat(debug.err()).contains("replaced telemetry's execution strategy or exception handlers after Telemetry.install");
  }
}

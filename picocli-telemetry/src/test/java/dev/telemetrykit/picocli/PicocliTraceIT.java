package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.TraceMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Picocli's own trace ({@code -Dpicocli.trace=DEBUG}, which authors turn on to debug their CLI)
 * reads the same with telemetry installed as without: no subcommand of ours is added, and nothing
 * else of ours is traced.
 */
class PicocliTraceIT {
  @TempDir Path dir;

  JavaProcess traced(String state) {
    JavaProcess p = JavaProcess.of(TraceMain.class, dir).jvmOption("-Dpicocli.trace=DEBUG")
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    return state.equals("opted-out") ? p.env("DO_NOT_TRACK", "1") : p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"granted", "denied", "opted-out"})
  void theTraceIsTheSameAsWithoutTelemetry(String state) throws Exception {
    String decision = state.equals("denied") ? "disable" : "enable";
    JavaProcess.of(TraceMain.class, dir).env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString())
        .run("installed", "telemetry", decision);

    JavaProcess.Result plain = traced(state).run("plain", "order", "apple", "--format", "json");
    JavaProcess.Result installed = traced(state).run("installed", "order", "apple", "--format", "json");

    assertThat(plain.err()).contains("[picocli DEBUG]");
    assertThat(installed.err()).isEqualTo(plain.err());
    assertThat(installed.out()).isEqualTo(plain.out());
    assertThat(new DataDir(dir.resolve("home"), "shop-cli").journalEvents()).hasSize(state.equals("granted") ? 1 : 0);
  }
}

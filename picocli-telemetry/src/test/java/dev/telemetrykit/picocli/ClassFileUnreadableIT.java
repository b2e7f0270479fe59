package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import dev.telemetrykit.picocli.testing.WithoutClassFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a GraalVM native image class files are not resources, so the SDK cannot read the app's
 * {@code @TelemetryEnabled} from its class file (the annotation has class retention: reflection
 * does not see it either). The app must then run exactly as without telemetry, in strict mode too,
 * since nothing the author wrote is wrong; with the command class's class file registered as a
 * resource, telemetry works. {@link WithoutClassFiles} stands in for the native image.
 */
class ClassFileUnreadableIT {
  @TempDir Path dir;
  DataDir data;

  @BeforeEach
  void grantTelemetry() throws Exception {
    data = new DataDir(dir.resolve("home"), "shop-cli");
    assertThat(onTheClassPath().run("telemetry", "enable").exitCode()).isZero();
  }

  JavaProcess onTheClassPath() {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_HOME", data.home().toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  JavaProcess withoutClassFiles() {
    return JavaProcess.of(WithoutClassFiles.class, dir)
        .env("TELEMETRY_KIT_HOME", data.home().toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  JavaProcess.Result run(JavaProcess process, String... args) throws Exception {
    String[] withMain = new String[args.length + 1];
    withMain[0] = ShopMain.class.getName();
    System.arraycopy(args, 0, withMain, 1, args.length);
    return process.run(withMain);
  }

  @Test
  void inStrictModeTheAppRunsAsWithoutTelemetry() throws Exception {
    JavaProcess.Result plain = run(withoutClassFiles().env("TELEMETRY_KIT_DISABLED", "1"), "order", "apple");
    JavaProcess.Result strict = run(withoutClassFiles().env("TELEMETRY_KIT_STRICT", "1"), "order", "apple");
    JavaProcess.Result failing = run(withoutClassFiles().env("TELEMETRY_KIT_STRICT", "1"), "exit", "3");

    assertThat(plain.out()).isEqualTo("ordered 1 items\n");
    assertThat(strict.out()).isEqualTo(plain.out());
    assertThat(strict.err()).isEqualTo(plain.err()).isEmpty();
    assertThat(strict.exitCode()).isZero();
    assertThat(failing.exitCode()).isEqualTo(3);
    assertThat(data.journalEvents()).isEmpty();
  }

  @Test
  void debugModeSaysWhyAndTheAppStillRuns() throws Exception {
    JavaProcess.Result debug = run(withoutClassFiles().env("TELEMETRY_KIT_DEBUG", "1"), "order", "apple");

    assertThat(debug.exitCode()).isZero();
    assertThat(debug.out()).isEqualTo("ordered 1 items\n");
    assertThat(debug.err())
        .startsWith("[telemetry-kit] reading @TelemetryEnabled failed: java.io.IOException: ")
        .contains(ShopCli.class.getName())
        .doesNotContain("Exception in thread");
  }

  @Test
  void anEndUsersRunRecordsNothingAndPrintsNothing() throws Exception {
    JavaProcess.Result run = run(withoutClassFiles().env("TELEMETRY_KIT_STRICT", "0"), "order", "apple");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("ordered 1 items\n");
    assertThat(run.err()).isEmpty();
    assertThat(data.journalEvents()).isEmpty();
  }

  @Test
  void withTheCommandClassFileKeptAsAResourceTheRunIsRecorded() throws Exception {
    JavaProcess kept = withoutClassFiles().env("TELEMETRY_KIT_STRICT", "1")
        .jvmOption("-Dvisible.classFiles=" + ShopCli.class.getName());

    JavaProcess.Result run = run(kept, "order", "apple");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("ordered 1 items\n");
    assertThat(run.err()).isEmpty();
    assertThat(data.journalEvents()).extracting(e -> DataDir.metadata(e).get("command")).containsExactly("order");
  }
}

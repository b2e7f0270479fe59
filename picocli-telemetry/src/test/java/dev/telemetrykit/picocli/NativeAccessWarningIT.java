package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 24 and later, loading a native library without native access enabled makes the JDK print
 * four "WARNING: A restricted method in java.lang.System has been called" lines. The management
 * commands that open the SQLite queue must print none of them, and still work.
 */
class NativeAccessWarningIT {
  @TempDir Path dir;
  Path jdk25;

  @BeforeEach
  void needsJdk25() {
    jdk25 = JavaProcess.jdk25();
    assumeTrue(jdk25 != null, "no JDK 25 here (set JDK25_HOME): the JDK 25 check is skipped");
  }

  JavaProcess shop() {
    return JavaProcess.of(ShopMain.class, dir).javaHome(jdk25)
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  @Test
  void managementCommandsThatOpenTheQueuePrintNoNativeAccessWarning() throws Exception {
    assertThat(shop().run("telemetry", "enable").err()).isEmpty();
    assertThat(shop().run("order", "apple", "--format", "json").err()).isEmpty();

    JavaProcess.Result show = shop().run("telemetry", "show");
    JavaProcess.Result status = shop().run("telemetry", "status");
    JavaProcess.Result disable = shop().run("telemetry", "disable");

    assertThat(show.err()).doesNotContain("WARNING");
    assertThat(show.out()).contains("\"command\": \"order\"");
    assertThat(status.err()).doesNotContain("WARNING");
    assertThat(status.out()).contains("queued:      1 events");
    assertThat(disable.exitCode()).isZero();
    assertThat(disable.err()).doesNotContain("WARNING");
    assertThat(new DataDir(dir.resolve("home"), "shop-cli").database()).doesNotExist();
  }

  @Test
  void withNativeAccessEnabledTheyRunInTheCliItself() throws Exception {
    shop().run("telemetry", "enable");
    shop().run("order", "apple");

    JavaProcess.Result show = shop().jvmOption("--enable-native-access=ALL-UNNAMED").run("telemetry", "show");

    assertThat(show.err()).doesNotContain("WARNING");
    assertThat(show.out()).contains("\"command\": \"order\"");
  }

  @Test
  void theChildJvmKeepsTheEndpointPropertyAsTheEndpointsSource() throws Exception {
    shop().run("telemetry", "enable");
    shop().run("order", "apple");

    JavaProcess.Result status = shop().jvmOption("-Dtelemetrykit.endpoint=ftp://collector.local")
        .run("telemetry", "status");

    assertThat(status.err()).doesNotContain("WARNING");
    assertThat(status.out())
        .contains("queued:      1 events")
        .contains("  endpoint:    ftp://collector.local (system property telemetrykit.endpoint)\n")
        .contains("    - system property telemetrykit.endpoint must be an absolute http or https URL such as "
            + "https://telemetry.example.com, but is 'ftp://collector.local' (it does not start with http:// or "
            + "https://); events stay queued and nothing is sent until it is corrected or unset");
  }

  @Test
  void theChildJvmUsesTheHomeDirectoryTheCliWasGiven() throws Exception {
    Path home = dir.resolve("wrapper-home");
    JavaProcess shop = JavaProcess.of(ShopMain.class, dir).javaHome(jdk25).jvmOption("-Duser.home=" + home)
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
    shop.run("telemetry", "enable");
    shop.run("order", "apple");

    JavaProcess.Result show = shop.run("telemetry", "show");

    assertThat(show.err()).doesNotContain("WARNING");
    assertThat(show.out()).contains("\"command\": \"order\"");
    assertThat(home.resolve(".telemetry-kit").resolve("shop-cli.db")).exists();
  }
}

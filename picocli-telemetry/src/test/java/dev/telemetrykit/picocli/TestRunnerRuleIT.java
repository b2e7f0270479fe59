package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app's run with JUnit on its class path, whose user said yes, stands for the author's own test
 * suite: it records nothing, as if opted out (docs/configuration.md, "In the author's tests"),
 * unless the author asks to record; the same app without JUnit, an end user's, records.
 */
class TestRunnerRuleIT {
  @TempDir Path dir;
  DataDir data;

  @BeforeEach
  void aUserWhoSaidYes() throws Exception {
    data = new DataDir(dir.resolve("home"), "shop-cli");
    assertThat(shop().run("telemetry", "enable").exitCode()).isZero();
  }

  /** The shop CLI with JUnit on its class path and no switch: an author's test. */
  JavaProcess shop() {
    return JavaProcess.of(ShopMain.class, dir)
        .env("TELEMETRY_KIT_RECORD_IN_TESTS", "0")
        .env("TELEMETRY_KIT_HOME", data.home().toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString())
        .env("TELEMETRY_KIT_FLUSH_INTERVAL", "0"); // every run due: an upload would start if it recorded
  }

  @Test
  void aRunUnderATestFrameworkRecordsAndUploadsNothing() throws Exception {
    var before = data.allFiles();

    JavaProcess.Result run = shop().run("order", "apple");
    JavaProcess.Result tracked = shop().run("track");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("ordered 1 items\n");
    assertThat(tracked.out()).isEqualTo("tracked\n");
    assertThat(run.err()).isEmpty();
    assertThat(data.allFiles()).as("the data directory after the runs").isEqualTo(before);
  }

  @Test
  void debugModeSaysWhy() throws Exception {
    JavaProcess.Result run = shop().env("TELEMETRY_KIT_DEBUG", "1").run("order", "apple");

    assertThat(run.err()).contains("a test framework is on the class path and the test kit (picocli-telemetry-test) is "
        + "not active; TELEMETRY_KIT_RECORD_IN_TESTS=1 records anyway");
    assertThat(run.err()).doesNotContain("event {");
  }

  @Test
  void theSwitchRecords() throws Exception {
    shop().env("TELEMETRY_KIT_RECORD_IN_TESTS", "1").env("TELEMETRY_KIT_FLUSH_INTERVAL", "999999").run("order", "apple");

    assertThat(data.journalEvents()).extracting(e -> DataDir.metadata(e).get("command")).containsExactly("order");
  }

  @Test
  void theSameAppWithoutATestFrameworkRecords() throws Exception {
    shop().withoutTestFrameworks().env("TELEMETRY_KIT_FLUSH_INTERVAL", "999999").run("order", "apple");

    assertThat(data.journalEvents()).extracting(e -> DataDir.metadata(e).get("command")).containsExactly("order");
  }
}

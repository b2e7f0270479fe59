package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telemetrykit.picocli.apps.AcmeMain;
import dev.telemetrykit.picocli.testing.DataDir;
import dev.telemetrykit.picocli.testing.JavaProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two annotated tools of a consent group as real processes in one data home: on JDK 25 the
 * management commands that open the queue run in a child JVM, which must keep the group.
 */
class ConsentGroupIT {
  @TempDir Path dir;

  JavaProcess tool(String name, String jdk) {
    JavaProcess process = JavaProcess.of(AcmeMain.class, dir).jvmOption("-Dacme.tool=" + name)
        .env("TELEMETRY_KIT_HOME", dir.resolve("home").toString())
        .env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString())
        .env("TELEMETRY_KIT_FLUSH_INTERVAL", "999999");
    return jdk.equals("25") ? process.javaHome(JavaProcess.jdk25()) : process;
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "25"})
  void anAnswerGivenInOneToolHoldsForTheOtherAndDisableInTheOtherEndsBoth(String jdk) throws Exception {
    assumeTrue(jdk.equals("default") || JavaProcess.jdk25() != null, "no JDK 25 here (set JDK25_HOME)");
    DataDir build = new DataDir(dir.resolve("home"), "acme-build");
    DataDir deploy = new DataDir(dir.resolve("home"), "acme-deploy");

    assertThat(tool("build", jdk).run("telemetry", "enable").out())
        .startsWith("Telemetry enabled for every tool of the consent group 'acme'");
    assertThat(tool("deploy", jdk).run().out()).isEqualTo("deployed\n");
    assertThat(tool("build", jdk).run().out()).isEqualTo("built\n");
    String status = tool("deploy", jdk).run("telemetry", "status").out();
    JavaProcess.Result disable = tool("deploy", jdk).run("telemetry", "disable");
    tool("build", jdk).run();

    assertThat(status).contains("Telemetry for acme-deploy: enabled")
        .contains("given in acme-build").contains("consent group 'acme'").contains("queued:      1 events");
    assertThat(disable.err()).isEmpty();
    assertThat(disable.out()).startsWith(
        "Telemetry disabled for every tool of the consent group 'acme' (so far: acme-deploy, acme-build).");
    assertThat(build.journalEvents()).isEmpty();
    assertThat(deploy.journalEvents()).isEmpty();
    assertThat(tool("build", jdk).run("telemetry", "status").out()).contains("Telemetry for acme-build: disabled");
  }
}

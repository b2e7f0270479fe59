package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.ReadOnlyDirectory;
import dev.telemetrykit.picocli.testing.Tmpfs;
import dev.telemetrykit.picocli.testing.ScriptedPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that cannot be created or written: {@code telemetry status} names it and says
 * why, and the app's run is as without telemetry, even when the user says yes in the consent box.
 */
class DataHomeTest {
  @TempDir Path dir;

  AppRun app(Path home) {
    return AppRun.of(ShopCli::commandLine, home).env("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  static String problems(AppRun.Result status) {
    assertThat(status.exitCode()).isZero();
    return status.out().substring(status.out().indexOf("  problems:"));
  }

  @Test
  void aFileWhereAParentDirectoryShouldBe() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    Path home = file.resolve(".telemetry-kit");

    assertThat(problems(app(home).run("telemetry", "status")))
        .contains("    - data directory " + home + " cannot be created: " + file + " is a file, not a directory;"
            + " events cannot be recorded");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void aFileWhereTheDirectoryShouldBe() throws Exception {
    Path home = Files.writeString(dir.resolve(".telemetry-kit"), "mine");

    assertThat(problems(app(home).run("telemetry", "status")))
        .contains("    - data directory " + home + " is a file, not a directory; events cannot be recorded");
  }

  @Test
  void aParentDirectoryWithoutWritePermission() throws Exception {
    Path parent = Files.createDirectories(dir.resolve("locked"));
    Path home = parent.resolve(".telemetry-kit");

    AppRun.Result status;
    try (ReadOnlyDirectory readOnly = ReadOnlyDirectory.of(parent)) {
      status = app(home).run("telemetry", "status");
    }

    assertThat(problems(status))
        .contains("    - data directory " + home + " cannot be created: no permission to write in " + parent
            + "; events cannot be recorded");
  }

  @Test
  void aReadOnlyFileSystem() throws Exception {
    Path mount = dir.resolve("mnt");
    AppRun.Result status;
    try (Tmpfs readOnly = Tmpfs.mount(mount, "ro,size=64k", "the read-only file system test")) {
      status = app(mount.resolve("home")).run("telemetry", "status");
    }

    assertThat(problems(status)).contains("    - data directory " + mount.resolve("home") + " cannot be created: "
        + mount + " is on a read-only file system; events cannot be recorded");
  }

  @Test
  void aYesInTheConsentBoxWithAnUncreatableDirectoryChangesNothingForTheCommand() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    AppRun app = app(file.resolve(".telemetry-kit")).interactive(true)
        .prompt(ScriptedPrompt.answering(ConsentState.GRANTED));

    AppRun.Result[] plainAndInstalled = app.withoutAndWith("order", "apple", "--format", "json");

    assertThat(plainAndInstalled[1]).isEqualTo(plainAndInstalled[0]);
    assertThat(app.debugOutput()).isEmpty();
  }

  @Test
  void aHealthyDirectoryHasNoProblem() {
    assertThat(problems(app(dir.resolve("home")).run("telemetry", "status"))).isEqualTo("  problems:    none\n");
  }
}

package dev.telemetrykit.sample;

import static dev.telemetrykit.sample.ConsentBoxText.KEYS;
import static dev.telemetrykit.sample.ConsentBoxText.THANKS;
import static dev.telemetrykit.sample.ConsentBoxText.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On JDK 24 and later, loading native code without native access enabled makes the JVM print
 * "WARNING: A restricted method in java.lang.System has been called" and three more lines. The
 * consent box must not cause them: the user would see them above the box, as if the tool were
 * broken. Run with a JDK 25 ({@code JDK25_HOME}), skipped when there is none.
 */
class Jdk25ConsentBoxIT {
  @TempDir
  Path dir;

  @Test
  void boxShowsNoWarningAndYesIsKept() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.onJdk25(dir);
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "", "build", "--target", "prod")) {
      assertThat(terminal.awaitText(KEYS)).contains(TITLE).doesNotContain("WARNING");

      terminal.type("y");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).doesNotContain("WARNING")
          .containsSubsequence(TITLE, KEYS, THANKS, "Built project for prod.");
    }
    assertThat(Files.readString(jvm.stateFile("sample-cli"))).containsPattern("\"state\"\\s*:\\s*\"granted\"");
  }

  @Test
  void stderrThatIsNotATerminalGetsNoWarningAndTheCommandRunsUndecided() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.onJdk25(dir);
    Path stderr = dir.resolve("stderr.txt");
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "2>'" + stderr + "'", "build")) {
      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.linesBeforeExitCode()).containsExactly("Built project for dev.");
    }
    assertThat(Files.readString(stderr)).doesNotContain("WARNING").isEmpty();
    assertThat(jvm.stateFile("sample-cli")).doesNotExist();
  }

  @Test
  void withNativeAccessEnabledTheBoxAlsoShowsNoWarning() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.onJdk25(dir).jvmOption("--enable-native-access=ALL-UNNAMED");
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "", "build")) {
      assertThat(terminal.awaitText(KEYS)).contains(TITLE).doesNotContain("WARNING");

      terminal.type("y");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).doesNotContain("WARNING").containsSubsequence(TITLE, THANKS, "Built project for dev.");
    }
    assertThat(Files.readString(jvm.stateFile("sample-cli"))).containsPattern("\"state\"\\s*:\\s*\"granted\"");
  }

  @Test
  void showingTheDataOfAQueueThatAlreadyHoldsEventsPrintsNoWarning() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.onJdk25(dir);
    for (String[] args : new String[][] {{"telemetry", "enable"}, {"build", "--target", "prod"}, {"telemetry", "show"}}) {
      try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "", args)) {
        assertThat(terminal.awaitExitCode()).isZero();
      }
    }
    assertThat(jvm.telemetryHome().resolve("sample-cli.db")).exists();
    // A yes to an older version of what is collected: the user is asked again, with events queued.
    Path state = jvm.stateFile("sample-cli");
    Files.writeString(state, Files.readString(state).replaceFirst("\"policy_version\"\\s*:\\s*1", "\"policy_version\": 0"));

    try (TmuxTerminal terminal = jvm.sampleCli(100, 200, "", "build")) {
      terminal.awaitText(KEYS);
      terminal.type("?");
      assertThat(terminal.awaitText("\"prod\"")).doesNotContain("WARNING").contains("\"command\": \"build\"");
      terminal.type("n");
      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen()).doesNotContain("WARNING");
    }
  }

  @Test
  void eventsSayWhetherTheRunHadATerminal() throws Exception {
    JvmInTerminal jvm = JvmInTerminal.onJdk25(dir);
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "", "telemetry", "enable")) {
      assertThat(terminal.awaitExitCode()).isZero();
    }
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "", "build")) {
      assertThat(terminal.awaitExitCode()).isZero();
    }
    try (TmuxTerminal terminal = jvm.sampleCli(80, 50, "| cat", "deploy", "--region", "eu-west-1")) {
      assertThat(terminal.awaitExitCode()).isZero();
    }

    String journal = String.join("\n", journalLines(jvm.telemetryHome().resolve("sample-cli.journal")));
    assertThat(journal).containsPattern("\"command\":\"build\".*\"interactive\":true")
        .containsPattern("\"command\":\"deploy\".*\"interactive\":false");
  }

  private static java.util.List<String> journalLines(Path journal) throws java.io.IOException {
    java.util.List<String> lines = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.list(journal)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }
}

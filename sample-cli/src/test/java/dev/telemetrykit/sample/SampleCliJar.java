package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI, {@code target/sample-cli.jar}, started as a user starts it:
 * {@code java -jar}, with its home, working directory and telemetry data in one temporary
 * directory.
 *
 * <p>The environment is built from nothing: CI machines set {@code CI=true}, and a developer may
 * have {@code DO_NOT_TRACK} or a machine-wide policy file; any of them would silently turn the
 * consent box off. A test adds exactly the variables it is about with {@link #env}.
 */
final class SampleCliJar {
  private static final Path JAR = Path.of("target", "sample-cli.jar").toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Path dir;
  private final Map<String, String> env = new LinkedHashMap<>();

  private SampleCliJar(Path dir) {
    this.dir = dir;
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("TERM", "xterm-256color");
    env.put("TELEMETRY_KIT_HOME", home().dir().toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  /** The CLI with {@code dir} as its working directory, home and parent of its telemetry data. */
  static SampleCliJar in(Path dir) {
    assertThat(JAR).as("the packaged CLI; the *IT tests run after `mvn package`").isRegularFile();
    return new SampleCliJar(dir);
  }

  /** Adds one environment variable to every later run. */
  SampleCliJar env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path dir() {
    return dir;
  }

  /** {@code TELEMETRY_KIT_HOME}: where the CLI keeps its consent state and journal. */
  TelemetryHome home() {
    return new TelemetryHome(dir.resolve("telemetry-home"));
  }

  /**
   * A shell command that runs the CLI with exactly this environment, then prints
   * {@code EXIT=<code>}. Prefixes ({@code echo |}) and suffixes ({@code ; stty -a}) compose with it.
   */
  String command(String... args) {
    List<String> words = new ArrayList<>(List.of("env", "-i"));
    env.forEach((name, value) -> words.add(name + "=" + value));
    words.addAll(List.of(JAVA.toString(), "-jar", JAR.toString()));
    words.addAll(List.of(args));
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add("'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted) + "; echo EXIT=$?";
  }

  /** Opens a terminal of the given size in {@link #dir()} and runs {@link #command} in it. */
  TmuxTerminal inTerminal(int columns, int rows, String... args) {
    return TmuxTerminal.start(columns, rows, dir, command(args));
  }

  /**
   * Runs the CLI with no terminal at all (stdin, stdout and stderr are pipes), as a script or
   * another program would, and returns what it printed, stdout and stderr together.
   */
  Output runWithoutTerminal(String... args) throws IOException, InterruptedException {
    Process process = processBuilder(args).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String text = new String(process.getInputStream().readAllBytes(), UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sample-cli " + String.join(" ", args) + " did not finish within 30 s");
    }
    return new Output(text, process.exitValue());
  }

  /** A process of the CLI with exactly this environment, in {@link #dir()}, not started yet. */
  ProcessBuilder processBuilder(String... args) {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder;
  }

  /** What a run printed and returned. */
  record Output(String text, int exitCode) {
    /** The printed lines, without trailing blanks, as a terminal would show them. */
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String line : text.stripTrailing().split("\\R", -1)) {
        lines.add(line.stripTrailing());
      }
      return text.isBlank() ? List.of() : lines;
    }
  }
}

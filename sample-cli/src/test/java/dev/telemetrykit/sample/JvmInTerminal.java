package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A Java program started in a real terminal as a user starts it, with a Java and JVM options of
 * the test's choosing: the packaged sample CLI, or a test app run from the test classes with the
 * sample CLI's jar (which holds the SDK) on the class path.
 *
 * <p>Like {@link SampleCliJar}, the environment is built from nothing, so a CI variable,
 * {@code DO_NOT_TRACK} or a policy file of the machine cannot turn the consent box off.
 */
final class JvmInTerminal {
  static final Path JAR = Path.of("target", "sample-cli.jar").toAbsolutePath();
  static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
  static final Path CURRENT_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Path dir;
  private final Path java;
  private final List<String> jvmOptions = new ArrayList<>();

  private JvmInTerminal(Path dir, Path java) {
    this.dir = dir;
    this.java = java;
  }

  /** Programs run by the Java that runs the tests, in {@code dir}, with their data below it. */
  static JvmInTerminal in(Path dir) {
    return new JvmInTerminal(dir, CURRENT_JAVA);
  }

  /**
   * Programs run by a JDK 25: {@code JDK25_HOME}, else the Temurin 25 of Debian-style machines.
   * Skips the test, saying why, when neither is there.
   */
  static JvmInTerminal onJdk25(Path dir) {
    String configured = System.getenv("JDK25_HOME");
    Path home = configured != null && !configured.isBlank()
        ? Path.of(configured) : Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    Path java = home.resolve("bin").resolve("java");
    Assumptions.assumeTrue(Files.isExecutable(java),
        "no JDK 25 at " + home + ": set JDK25_HOME to a JDK 25 to run the JDK 25 terminal tests");
    return new JvmInTerminal(dir, java);
  }

  /** Adds a JVM option, such as {@code --enable-native-access=ALL-UNNAMED}, to every later run. */
  JvmInTerminal jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** {@code TELEMETRY_KIT_HOME}: where the programs keep their consent state and journal. */
  Path telemetryHome() {
    return dir.resolve("telemetry-home");
  }

  /** The consent state file of the tool named {@code tool}; absent while undecided. */
  Path stateFile(String tool) {
    return telemetryHome().resolve(tool + ".json");
  }

  /** Runs {@code java -jar sample-cli.jar args} in a terminal of the given size. */
  TmuxTerminal sampleCli(int columns, int rows, String redirect, String... args) {
    assertThat(JAR).as("the packaged CLI; the *IT tests run after `mvn package`").isRegularFile();
    List<String> command = new ArrayList<>(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return TmuxTerminal.start(columns, rows, dir, shell(command, redirect));
  }

  /** Runs the test app {@code main} with the sample CLI's jar and the test classes as class path. */
  TmuxTerminal testApp(int columns, int rows, Class<?> main, String... args) {
    assertThat(JAR).as("the packaged CLI; the *IT tests run after `mvn package`").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        "-cp", JAR + File.pathSeparator + TEST_CLASSES, main.getName()));
    command.addAll(List.of(args));
    return TmuxTerminal.start(columns, rows, dir, shell(command, ""));
  }

  /** The shell line: a clean environment, the JVM, then {@code redirect} (e.g. {@code 2>err.txt}) and the exit code. */
  private String shell(List<String> javaArguments, String redirect) {
    List<String> words = new ArrayList<>(List.of("env", "-i",
        "PATH=" + System.getenv("PATH"),
        "HOME=" + dir,
        "TERM=xterm-256color",
        "TELEMETRY_KIT_HOME=" + telemetryHome(),
        "TELEMETRY_KIT_POLICY_FILE=" + dir.resolve("no-policy.json"),
        java.toString()));
    words.addAll(jvmOptions);
    words.addAll(javaArguments);
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      quoted.add("'" + word.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted) + (redirect.isEmpty() ? "" : " " + redirect) + "; echo EXIT=$?";
  }
}

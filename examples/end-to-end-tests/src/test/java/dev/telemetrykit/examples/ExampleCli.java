package dev.telemetrykit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A packaged example, started with {@code java -jar <jar>} as a user starts it: no stdin, stdout
 * and stderr read apart.
 *
 * <p>The environment is built from nothing, so that nothing of the machine's (CI, DO_NOT_TRACK, an
 * administrator's policy file, the user's own consent) changes what the CLI does; its telemetry
 * data is kept under {@code dir/telemetry-home}.
 */
final class ExampleCli {
  private static final Path TESTS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Path jar;
  private Path java = TESTS_JAVA;
  private final Path dir;
  private final Map<String, String> env = new LinkedHashMap<>();

  private ExampleCli(Path jar, Path dir) {
    this.jar = jar;
    this.dir = dir;
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("TELEMETRY_KIT_HOME", dataDir().toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  /**
   * The example whose jar the system property {@code <example>.jar} names (set by the POM), with
   * {@code dir} as its working directory and home.
   */
  static ExampleCli of(String example, Path dir) {
    return new ExampleCli(jar(example), dir);
  }

  /** The packaged jar of {@code example}, the module of that name in examples/, built before this one. */
  static Path jar(String example) {
    Path jar = Path.of(System.getProperty(example + ".jar", "(system property " + example + ".jar not set)"));
    assertThat(jar).as("the packaged %s", example).isRegularFile();
    return jar;
  }

  /** Runs every later run on {@code java} instead of the tests' own. */
  ExampleCli java(Path java) {
    this.java = java;
    return this;
  }

  /** Sets one environment variable for every later run. */
  ExampleCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path dataDir() {
    return dir.resolve("telemetry-home");
  }

  /** Runs {@code java -jar <jar> args} with {@code extraEnv} added, and waits (60 s at most). */
  Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> text(process.getInputStream()));
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(jar.getFileName() + " " + String.join(" ", args) + " did not finish within 60 s");
    }
    try {
      return new Result(stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS), process.exitValue());
    } catch (Exception e) {
      throw new AssertionError("reading the output of " + jar.getFileName() + " " + String.join(" ", args), e);
    }
  }

  private static String text(InputStream stream) {
    try (stream) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      stream.transferTo(bytes);
      return bytes.toString(UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The processes still alive that inherited this CLI's environment: once every run has ended, the
   * upload processes its runs started in the background. Told apart by {@code /proc/<pid>/environ}.
   */
  List<ProcessHandle> processesLeft() {
    byte[] marker = ("TELEMETRY_KIT_POLICY_FILE=" + env.get("TELEMETRY_KIT_POLICY_FILE") + "\0").getBytes(UTF_8);
    return ProcessHandle.allProcesses().filter(p -> contains(environment(p), marker)).toList();
  }

  private static byte[] environment(ProcessHandle p) {
    try {
      return Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
    } catch (IOException | RuntimeException gone) {
      return new byte[0];
    }
  }

  private static boolean contains(byte[] text, byte[] part) {
    for (int i = 0; i + part.length <= text.length; i++) {
      if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
        return true;
      }
    }
    return false;
  }

  /** What one run printed and returned. */
  record Result(String stdout, String stderr, int exitCode) {}
}

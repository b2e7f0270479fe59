package dev.telemetrykit.examples.quarkus;

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
 * The packaged example ({@code target/quarkus-app/quarkus-run.jar}, Quarkus's fast-jar layout),
 * started with {@code java -jar} as a user starts it: no stdin, stdout and stderr read apart.
 *
 * <p>The environment is built from nothing, so that nothing of the machine's (CI, DO_NOT_TRACK, an
 * administrator's policy file, the user's own consent) changes what the CLI does; its telemetry
 * data is kept under {@code dir/telemetry-home}.
 */
final class StockroomJar {
  static final Path JAR = Path.of(System.getProperty("example.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Path dir;
  private final Map<String, String> env = new LinkedHashMap<>();

  private StockroomJar(Path dir) {
    this.dir = dir;
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("TELEMETRY_KIT_HOME", dataDir().toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  /** The CLI with {@code dir} as its working directory and home. */
  static StockroomJar in(Path dir) {
    assertThat(JAR).as("the example's executable jar (mvn package: quarkus-maven-plugin)").isRegularFile();
    return new StockroomJar(dir);
  }

  /** Sets one environment variable for every later run. */
  StockroomJar env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path dataDir() {
    return dir.resolve("telemetry-home");
  }

  /** Runs {@code java -jar quarkus-run.jar args} with {@code extraEnv} added, and waits (60 s at most). */
  Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
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
      throw new AssertionError("stockroom " + String.join(" ", args) + " did not finish within 60 s");
    }
    try {
      return new Result(stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS), process.exitValue());
    } catch (Exception e) {
      throw new AssertionError("reading the output of stockroom " + String.join(" ", args), e);
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

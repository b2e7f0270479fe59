package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a test app's {@code main} in a fresh JVM with this JVM's class path, as a user's shell
 * would: its own environment, stdout, stderr and exit code.
 */
public final class JavaProcess {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String mainClass;
  private String modulePath; // with a main module: the module path, or null for the image's own modules
  private String mainModule; // module/class, or null for mainClass on the class path
  private final Map<String, String> env = new HashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private boolean withoutTestFrameworks;
  private Path javaHome = Path.of(System.getProperty("java.home"));
  private final Path workDir;

  private JavaProcess(String mainClass, Path workDir) {
    this.mainClass = mainClass;
    this.workDir = workDir;
    // The child has JUnit on its class path and stands for an end user's run, which records: without
    // this, the SDK would take it for an author's test and record nothing (docs/configuration.md).
    env.put("TELEMETRY_KIT_RECORD_IN_TESTS", "1");
  }

  /** A process running {@code mainClass} in {@code workDir}, where its output is kept too. */
  public static JavaProcess of(Class<?> mainClass, Path workDir) {
    return new JavaProcess(mainClass.getName(), workDir);
  }

  /**
   * A process running {@code mainModule} ({@code module/class}) from {@code modulePath} ({@code java
   * -p modulePath -m mainModule}); with {@code modulePath} null, from the modules linked into the
   * Java runtime given by {@link #javaHome} (a jlink image).
   */
  public static JavaProcess ofModule(String modulePath, String mainModule, Path workDir) {
    JavaProcess process = new JavaProcess(null, workDir);
    process.modulePath = modulePath;
    process.mainModule = mainModule;
    return process;
  }

  public JavaProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Leaves the test frameworks (JUnit, opentest4j, AssertJ) off the child's class path, as on an
   * end user's machine, where author mistakes are not thrown.
   */
  public JavaProcess withoutTestFrameworks() {
    withoutTestFrameworks = true;
    return this;
  }

  /** Runs the child on another Java installation, e.g. JDK 25 where this JVM is JDK 17. */
  public JavaProcess javaHome(Path value) {
    javaHome = value;
    return this;
  }

  /**
   * The JDK 25 installed beside this one ({@code JDK25_HOME}, else the Temurin package's place), or
   * null when there is none.
   */
  public static Path jdk25() {
    String configured = System.getenv("JDK25_HOME");
    Path home = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/lib/jvm/temurin-25-jdk-amd64");
    return java.nio.file.Files.isExecutable(home.resolve("bin").resolve("java")) ? home : null;
  }

  public JavaProcess jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  private static String withoutTestFrameworks(String classPath) {
    List<String> kept = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.startsWith("junit-") && !name.startsWith("opentest4j") && !name.startsWith("assertj")
          && !name.startsWith("apiguardian")) {
        kept.add(entry);
      }
    }
    return String.join(java.io.File.pathSeparator, kept);
  }

  /** Starts the process without waiting for it. */
  public Running start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(jvmOptions);
    if (mainModule != null) {
      if (modulePath != null) {
        command.add("-p");
        command.add(modulePath);
      }
      command.add("-m");
      command.add(mainModule);
    } else {
      command.add("-cp");
      command.add(withoutTestFrameworks ? withoutTestFrameworks(System.getProperty("java.class.path"))
          : System.getProperty("java.class.path"));
      command.add(mainClass);
    }
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    // A clean environment: nothing from the developer's or CI's shell decides the outcome.
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG"));
    pb.environment().putAll(env);
    int n = COUNTER.incrementAndGet();
    Path out = workDir.resolve("process-" + n + ".out");
    Path err = workDir.resolve("process-" + n + ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    return new Running(pb.start(), out, err);
  }

  /** Runs the process to its end and returns what it printed. */
  public Result run(String... args) throws IOException, InterruptedException {
    return start(args).finish();
  }

  /** A started process. */
  public record Running(Process process, Path out, Path err) {
    /** Waits (at most 60 s) and returns what it printed. */
    public Result finish() throws IOException, InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("process did not finish within 60 s");
      }
      return new Result(
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          process.exitValue());
    }
  }

  /** What the process printed and returned. */
  public record Result(String out, String err, int exitCode) {}
}

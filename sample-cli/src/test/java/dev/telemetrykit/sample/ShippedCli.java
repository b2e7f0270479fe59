package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sample CLI as one way of shipping it starts it: the launcher (the command before
 * the CLI's own arguments: {@code java -jar sample-cli.jar}, a jpackage launcher, a wrapper
 * script...), the environment, and the data directory it keeps its telemetry in.
 *
 * <p>As in {@link SampleCliJar}, the environment is built from nothing, so that nothing of the
 * machine's (CI, DO_NOT_TRACK, a policy file) changes what the CLI does.
 */
final class ShippedCli {
  static final Path JAR = Path.of("target", "sample-cli.jar").toAbsolutePath();
  static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final String form;
  private final Path dir;
  private final List<String> launcher;
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path dataDir;

  private ShippedCli(String form, Path dir, List<String> launcher) {
    this.form = form;
    this.dir = dir;
    this.launcher = List.copyOf(launcher);
    this.dataDir = dir.resolve("telemetry-home");
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", dir.toString());
    env.put("TERM", "xterm-256color");
    env.put("TELEMETRY_KIT_HOME", dataDir.toString());
    env.put("TELEMETRY_KIT_POLICY_FILE", dir.resolve("no-policy.json").toString());
  }

  /**
   * The CLI of shipping form {@code form}, started by {@code launcher}, with {@code dir} as its
   * working directory, home and the parent of its data directory.
   */
  static ShippedCli of(String form, Path dir, List<String> launcher) {
    return new ShippedCli(form, dir, launcher);
  }

  /** {@code java -jar sample-cli.jar}, with {@code javaOptions} before {@code -jar}. */
  static List<String> javaJar(String... javaOptions) {
    List<String> command = new ArrayList<>(List.of(JAVA.toString()));
    command.addAll(List.of(javaOptions));
    command.addAll(List.of("-jar", JAR.toString()));
    return command;
  }

  /** Sets one environment variable for every later run. */
  ShippedCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Leaves one environment variable out of every later run. */
  ShippedCli withoutEnv(String name) {
    env.remove(name);
    return this;
  }

  /** Where the CLI keeps its data, when not {@code TELEMETRY_KIT_HOME}. */
  ShippedCli dataDir(Path dataDir) {
    this.dataDir = dataDir;
    return this;
  }

  String form() {
    return form;
  }

  Path dataDir() {
    return dataDir;
  }

  /**
   * The processes still alive that were started with this CLI's environment: once every run has
   * ended, the upload processes its runs left behind, however they were started. Told apart by
   * their environment ({@code /proc/<pid>/environ}), which every process the CLI starts inherits.
   */
  List<ProcessHandle> processesLeft() {
    byte[] marker = ("TELEMETRY_KIT_POLICY_FILE=" + env.get("TELEMETRY_KIT_POLICY_FILE") + "\0").getBytes(UTF_8);
    return ProcessHandle.allProcesses().filter(p -> contains(environment(p), marker)).toList();
  }

  private static byte[] environment(ProcessHandle p) {
    try {
      return Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ")); // NAME=value\0 each
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

  /** Runs the CLI with {@code extraEnv} on top of its environment, and waits for its end. */
  Run.Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
    return start(extraEnv, args).finish();
  }

  /** Starts the CLI with no stdin and stdout and stderr in pipes of their own, as a script would. */
  Run start(Map<String, String> extraEnv, String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    process.getOutputStream().close();
    return new Run(form, process);
  }

  /** One started run: its output is read as it comes, and its end is timed. */
  static final class Run {
    private final String form;
    private final Process process;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Thread outReader;
    private final Thread errReader;
    private final long startNanos = System.nanoTime();
    private volatile long lastLineNanos = startNanos;

    private Run(String form, Process process) {
      this.form = form;
      this.process = process;
      this.outReader = reader(process.getInputStream(), out, true);
      this.errReader = reader(process.getErrorStream(), err, false);
    }

    private Thread reader(InputStream stream, StringBuilder into, boolean timed) {
      Thread thread = new Thread(() -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (timed) {
              lastLineNanos = System.nanoTime();
            }
            synchronized (into) {
              into.append(line).append('\n');
            }
          }
        } catch (IOException killed) {
          // what it printed so far is all there is
        }
      }, "shipped-cli-reader");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    /** Waits (at most 30 s) for the end of the process; notes when it ended. */
    Result finish() throws InterruptedException {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the CLI did not finish within 30 s (shipping form: " + form + ")");
      }
      long exitNanos = System.nanoTime();
      // A child that kept our pipes open would hold the readers: they get a bounded wait.
      outReader.join(5_000);
      errReader.join(5_000);
      String stdout;
      String stderr;
      synchronized (out) {
        stdout = out.toString();
      }
      synchronized (err) {
        stderr = err.toString();
      }
      return new Result(stdout, stderr, process.exitValue(), exitNanos, Math.max(0, exitNanos - lastLineNanos) / 1_000_000,
          (exitNanos - startNanos) / 1_000_000);
    }

    /**
     * What a run printed and returned; {@code exitNanos} is {@link System#nanoTime} when its end was
     * seen, {@code exitDelayMillis} the time from its last line on stdout to its end, and {@code
     * wallMillis} the time from its start to its end.
     */
    record Result(String stdout, String stderr, int exitCode, long exitNanos, long exitDelayMillis, long wallMillis) {}
  }
}

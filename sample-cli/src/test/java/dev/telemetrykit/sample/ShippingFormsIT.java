package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per way a Picocli CLI is shipped and started. In each, a granted run that is due
 * ({@code TELEMETRY_KIT_FLUSH_INTERVAL=0}) must get its event to collector-lite in the background,
 * with no {@code telemetry flush}, within 30 s of the CLI's exit; and the CLI must print and
 * return exactly what it does with telemetry off, in the same form, ending within the exit bound
 * after its last line. Each test prints how long after the CLI's exit the event was stored.
 *
 * <p>Every run of a test, {@code telemetry enable} included, goes through the form's launcher, as
 * a user of that form would run it.
 */
class ShippingFormsIT {
  /** From the CLI's exit to the event at the collector: an upload is a JVM start, SQLite and one request. */
  private static final long STORED_WITHIN_MILLIS = 30_000;

  /** One collector for the class: each test's CLI has a data directory, so a user id, of its own. */
  @TempDir static Path collectorDir;
  static RunningCollector collector;
  static StoredEvents stored;
  @TempDir Path dir;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = RunningCollector.start(collectorDir);
    stored = StoredEvents.of(collectorDir);
  }

  @AfterAll
  static void stopCollector() throws Exception {
    collector.close();
  }

  @Test
  void fatJar() throws Exception {
    assertEventArrivesInTheBackground(ShippedCli.of("fat jar", dir, ShippedCli.javaJar()), "fat-jar");
  }

  /** jpackage's own runtime is made by jlink with {@code --strip-native-commands}: it has no {@code bin/java}. */
  @Test
  void jpackageAppImage() throws Exception {
    Path app = jpackage(dir.resolve("jpackage"));
    assertEventArrivesInTheBackground(
        ShippedCli.of("jpackage", dir, List.of(app.resolve("bin").resolve("sample-cli").toString())), "jpackage");
  }

  /** The smallest runtime an author would make for the CLI, without the JDK's commands. */
  @Test
  void jlinkRuntimeWithoutJavaCommand() throws Exception {
    Path runtime = dir.resolve("runtime");
    jdkTool("jlink", "--add-modules", "java.base,java.sql,java.net.http,java.logging", "--strip-native-commands",
        "--no-header-files", "--no-man-pages", "--output", runtime.toString());
    assertThat(runtime.resolve("bin").resolve("java")).as("the jlinked runtime's java command").doesNotExist();
    Path app = jpackage(dir.resolve("jpackage"), "--runtime-image", runtime.toString());
    assertEventArrivesInTheBackground(
        ShippedCli.of("jlink runtime without bin/java", dir, List.of(app.resolve("bin").resolve("sample-cli").toString())),
        "jlink-runtime");
  }

  /**
   * Started by a launcher that alone is on the class path and loads the jar through a class loader
   * of its own, as Spring Boot's nested-jar launcher does.
   */
  @Test
  void ownClassLoader() throws Exception {
    Path compiled = Path.of(NestedJarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(NestedJarLauncher.class.getName().replace('.', '/') + ".class");
    Path launcherDir = dir.resolve("launcher");
    Path copy = launcherDir.resolve(NestedJarLauncher.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(copy.getParent());
    Files.copy(compiled, copy);
    assertEventArrivesInTheBackground(ShippedCli.of("custom class loader", dir, List.of(ShippedCli.JAVA.toString(),
        "-cp", launcherDir.toString(), NestedJarLauncher.class.getName(), ShippedCli.JAR.toString())), "class-loader");
  }

  /** Read by every JVM started with this environment, whatever starts it. */
  @Test
  void javaToolOptionsChoosingAGarbageCollector() throws Exception {
    assertEventArrivesInTheBackground(ShippedCli.of("JAVA_TOOL_OPTIONS", dir, ShippedCli.javaJar())
        .env("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC"), "java-tool-options");
  }

  /** Read by every {@code java} command started with this environment. */
  @Test
  void jdkJavaOptionsChoosingAGarbageCollector() throws Exception {
    assertEventArrivesInTheBackground(ShippedCli.of("JDK_JAVA_OPTIONS", dir, ShippedCli.javaJar())
        .env("JDK_JAVA_OPTIONS", "-XX:+UseParallelGC"), "jdk-java-options");
  }

  /**
   * A wrapper script that starts the CLI with {@code -Duser.home} of its own, while {@code HOME}
   * names another directory: the data belongs under {@code user.home}, and nothing under {@code HOME}.
   */
  @Test
  void wrapperSettingUserHome() throws Exception {
    Path userHome = Files.createDirectories(dir.resolve("user-home"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Path wrapper = dir.resolve("bin").resolve("sample-cli");
    Files.createDirectories(wrapper.getParent());
    Files.writeString(wrapper, "#!/bin/sh\nexec " + String.join(" ", quoted(ShippedCli.javaJar("-Duser.home=" + userHome)))
        + " \"$@\"\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    ShippedCli cli = ShippedCli.of("-Duser.home wrapper", dir, List.of(wrapper.toString()))
        .env("HOME", home.toString())
        .withoutEnv("TELEMETRY_KIT_HOME")
        .dataDir(userHome.resolve(".telemetry-kit"));

    assertEventArrivesInTheBackground(cli, "user-home");

    assertThat(userHome.resolve(".telemetry-kit").resolve("sample-cli.json")).as("the state file under -Duser.home")
        .isRegularFile();
    try (Stream<Path> files = Files.walk(home)) {
      assertThat(files.filter(f -> !f.equals(home)).toList()).as("files under $HOME").isEmpty();
    }
  }

  /** SQLite's native library is unpacked into {@code java.io.tmpdir}, and nothing can run from this one. */
  @Test
  void tmpdirOnNoexecFilesystem() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("noexec-tmp"));
    Command mount = Command.run("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs", tmp.toString());
    assumeTrue(mount.exitCode() == 0, () -> "cannot mount a noexec tmpfs for java.io.tmpdir (needs root or CAP_SYS_ADMIN): "
        + "mount exited with " + mount.exitCode() + ": " + mount.output().strip());
    try {
      assertEventArrivesInTheBackground(
          ShippedCli.of("noexec java.io.tmpdir", dir, ShippedCli.javaJar("-Djava.io.tmpdir=" + tmp)), "noexec-tmpdir");
    } finally {
      if (Command.run("umount", tmp.toString()).exitCode() != 0) {
        Command.run("umount", "-l", tmp.toString()); // still busy: detach now, freed once unused
      }
    }
  }

  /**
   * The CLI as the first process of a PID namespace, as in a container: when it exits, the kernel
   * kills every process left in the namespace, so the upload must be done inside the CLI's own
   * run, beside its command. With a command of 1.5 s ({@code deploy}, not a dry run) there is time
   * to set up the HTTP client while it runs: its event must be stored, with no {@code telemetry
   * flush}, by the time the CLI has exited.
   */
  @Test
  void cliAsPid1() throws Exception {
    assumePid1Possible();
    assertEventArrivesInTheBackground(ShippedCli.of("PID 1", dir, asPid1(ShippedCli.javaJar())), "pid-1", false);
  }

  /**
   * The same on JDK 25, where loading SQLite's native library without native access enabled makes
   * the JDK print "WARNING: A restricted method in java.lang.System has been called" (and three more
   * lines) into the CLI's stderr. The upload goes straight from the journal, so it must happen all
   * the same, and print nothing.
   */
  @Test
  void cliAsPid1OnJdk25WithoutNativeAccess() throws Exception {
    assumePid1Possible();
    Path java = Path.of(System.getenv().getOrDefault("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
    assumeTrue(Files.isExecutable(java), () -> "no JDK 25 at " + java + ": set JDK25_HOME to run the JDK 25 PID 1 test");
    List<String> javaJar = List.of(java.toString(), "-jar", ShippedCli.JAR.toString());

    ShippedCli.Run.Result granted = assertEventArrivesInTheBackground(
        ShippedCli.of("PID 1 on JDK 25", dir, asPid1(javaJar)), "pid-1-jdk-25", false);

    assertThat(granted.stderr()).as("stderr of the due run on JDK 25").doesNotContain("WARNING");
  }

  /**
   * PID 1 with a short command (~0.3 s): the upload gets the command's time plus the exit wait,
   * which on a loaded machine is less than the HTTP client's set-up. Whether the event leaves with
   * this run is measured and printed, not asserted; what is asserted is that nothing is lost: the
   * run's output, exit code and exit bound are those of a plain run, and an event the exit cut off
   * is still in the data directory, and is stored exactly once by {@code telemetry flush}.
   */
  @Test
  void cliAsPid1WithAShortCommandLosesNothing() throws Exception {
    assumePid1Possible();
    ShippedCli cli = ShippedCli.of("PID 1, short command", dir, asPid1(ShippedCli.javaJar()));
    cli.env("TELEMETRY_KIT_ENDPOINT", collector.url());
    String tag = "pid-1-short";
    assertThat(cli.run(Map.of(), "telemetry", "enable").exitCode()).isZero();
    String userId = new RecordedEvents(cli.dataDir()).userId();

    ShippedCli.Run.Result granted = cli.run(Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0"), TaggedRuns.args(tag));

    assertThat(granted.stdout()).isEqualTo(TaggedRuns.expectedOutput(tag));
    assertThat(granted.stderr()).isEmpty();
    assertThat(granted.exitCode()).isZero();
    assertThat(granted.exitDelayMillis()).isLessThanOrEqualTo(TaggedRuns.EXIT_BOUND_MILLIS);
    boolean storedByTheRun = !stored.eventIds(userId).isEmpty();
    System.out.println("shipping form PID 1, short command: event " + (storedByTheRun
        ? "stored by the run itself" : "cut off by the exit, still queued") + " (exit delay "
        + granted.exitDelayMillis() + " ms; due run " + granted.wallMillis() + " ms)");
    if (!storedByTheRun) {
      assertThat(new RecordedEvents(cli.dataDir()).runIds()).as("the cut-off run's event, still queued").hasSize(1);
      ShippedCli.Run.Result flush = cli.run(Map.of(), "telemetry", "flush");
      assertThat(flush.exitCode()).as("telemetry flush: %s%s", flush.stdout(), flush.stderr()).isZero();
    }
    ExactlyOnce.assertStored(stored, userId, List.of(), List.of(tag));
  }

  /**
   * A due run as PID 1 that runs no app command ({@code telemetry status}) starts no upload: one
   * would hold the flush lock and be cut off by the exit, leaving an error and a backoff behind.
   */
  @Test
  void aManagementCommandAsPid1StartsNoUpload() throws Exception {
    assumePid1Possible();
    ShippedCli cli = ShippedCli.of("PID 1, management command", dir, asPid1(ShippedCli.javaJar()));
    cli.env("TELEMETRY_KIT_ENDPOINT", collector.url());
    assertThat(cli.run(Map.of(), "telemetry", "enable").exitCode()).isZero();

    ShippedCli.Run.Result status = cli.run(Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0"), "telemetry", "status");

    assertThat(status.exitCode()).isZero();
    SyncFile sync = SyncFile.read(cli.dataDir());
    assertThat(sync.lastError()).as("the sync file's last error").isNull();
    assertThat(sync.failures()).isZero();
  }

  private static void assumePid1Possible() throws Exception {
    Command probe = Command.run("unshare", "-pf", "--mount-proc", "true");
    assumeTrue(probe.exitCode() == 0, () -> "cannot start a process as PID 1 of a new PID namespace here: "
        + "`unshare -pf --mount-proc true` exited with " + probe.exitCode() + ": " + probe.output().strip());
  }

  private static List<String> asPid1(List<String> launcher) {
    List<String> command = new ArrayList<>(List.of("unshare", "-pf", "--mount-proc"));
    command.addAll(launcher);
    return command;
  }

  /**
   * The check every form gets: a run with telemetry off shows what the command prints in this
   * form; consent is given with {@code telemetry enable}; then a due granted run prints and returns
   * the same, and its event is stored at the collector in the background.
   */
  private ShippedCli.Run.Result assertEventArrivesInTheBackground(ShippedCli cli, String tag) throws Exception {
    return assertEventArrivesInTheBackground(cli, tag, true);
  }

  /** As above; {@code dryRun} false runs {@code deploy} for real, a 1.5 s command. */
  private ShippedCli.Run.Result assertEventArrivesInTheBackground(ShippedCli cli, String tag, boolean dryRun)
      throws Exception {
    String form = cli.form();
    cli.env("TELEMETRY_KIT_ENDPOINT", collector.url());
    String[] args = dryRun ? TaggedRuns.args(tag) : new String[] {"deploy", "--region", tag};
    String expectedOutput = dryRun ? TaggedRuns.expectedOutput(tag)
        : "Deploying to " + tag + "...\nDeployed 3 services to " + tag + ".\n";

    ShippedCli.Run.Result plain = cli.run(Map.of("DO_NOT_TRACK", "1"), args);
    assertThat(plain.stdout()).as("stdout with telemetry off (shipping form: %s); stderr:%n%s", form, plain.stderr())
        .isEqualTo(expectedOutput);
    assertThat(plain.exitCode()).as("exit code with telemetry off (shipping form: %s)", form).isZero();

    ShippedCli.Run.Result enable = cli.run(Map.of(), "telemetry", "enable");
    assertThat(enable.exitCode()).as("`telemetry enable` (shipping form: %s):%n%s%s", form, enable.stdout(), enable.stderr())
        .isZero();
    assertThat(new TelemetryHome(cli.dataDir()).consentState()).as("consent state (shipping form: %s)", form)
        .contains("granted");
    String userId = new RecordedEvents(cli.dataDir()).userId();

    ShippedCli.Run.Result granted = cli.run(Map.of("TELEMETRY_KIT_FLUSH_INTERVAL", "0"), args);
    OptionalLong storedAfter = stored.millisUntilStored(userId, granted.exitNanos(), STORED_WITHIN_MILLIS);
    System.out.println(storedAfter.isPresent()
        ? "shipping form " + form + ": event stored " + storedAfter.getAsLong() + " ms after the CLI exited"
            + " (exit delay " + granted.exitDelayMillis() + " ms; due run " + granted.wallMillis()
            + " ms, telemetry off " + plain.wallMillis() + " ms)"
        : "shipping form " + form + ": no event stored within " + STORED_WITHIN_MILLIS / 1000
            + " s after the CLI exited (exit delay " + granted.exitDelayMillis() + " ms; due run " + granted.wallMillis()
            + " ms, telemetry off " + plain.wallMillis() + " ms)");
    // No upload may outlive the test, nor hold its directories; each ends within FlushMain's 30 s limit.
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
        .until(() -> cli.processesLeft().isEmpty());

    // Each failure is reported, not only the first: output and event say different things.
    SoftAssertions checks = new SoftAssertions();
    if (storedAfter.isEmpty()) {
      checks.fail("no event stored at the collector within %d s (shipping form: %s); %s", STORED_WITHIN_MILLIS / 1000,
          form, leftBehind(cli.dataDir()));
    }
    checks.assertThat(granted.stdout()).as("stdout of the granted run (shipping form: %s)", form)
        .isEqualTo(expectedOutput);
    checks.assertThat(granted.stderr()).as("stderr of the granted run, as with telemetry off (shipping form: %s)", form)
        .isEqualTo(plain.stderr());
    checks.assertThat(granted.exitCode()).as("exit code of the granted run (shipping form: %s)", form).isZero();
    checks.assertThat(granted.exitDelayMillis()).as("exit delay of the granted run in ms (shipping form: %s)", form)
        .isLessThanOrEqualTo(TaggedRuns.EXIT_BOUND_MILLIS);
    checks.assertAll();
    ExactlyOnce.assertStored(stored, userId, List.of(), List.of(tag));
    return granted;
  }


  /** What the failed upload left behind, for the failure message. */
  private static String leftBehind(Path dataDir) {
    StringBuilder text = new StringBuilder();
    try {
      text.append("the CLI's data directory still holds ").append(new RecordedEvents(dataDir).allIds().size())
          .append(" recorded event(s)");
    } catch (IOException | SQLException | RuntimeException e) {
      text.append("the CLI's data directory could not be read: ").append(e);
    }
    try {
      SyncFile sync = SyncFile.read(dataDir);
      text.append("; its sync file says last_attempt=").append(sync.lastAttempt()).append(", failures=")
          .append(sync.failures()).append(", last_error=").append(sync.lastError());
    } catch (IOException | RuntimeException e) {
      text.append("; it has no readable sync file");
    }
    return text.toString();
  }

  /** An app image of the packaged jar made by jpackage in {@code dest}; returns its directory. */
  private Path jpackage(Path dest, String... options) throws Exception {
    Path input = Files.createDirectories(dir.resolve("jpackage-input"));
    Files.copy(ShippedCli.JAR, input.resolve("sample-cli.jar"));
    List<String> args = new ArrayList<>(List.of("--type", "app-image", "--input", input.toString(),
        "--main-jar", "sample-cli.jar", "--name", "sample-cli", "--dest", dest.toString()));
    args.addAll(List.of(options));
    jdkTool("jpackage", args.toArray(String[]::new));
    return dest.resolve("sample-cli");
  }

  /** Runs a command of the JDK that runs these tests; the test is skipped where the JDK has none. */
  private static void jdkTool(String name, String... args) throws Exception {
    Path tool = Path.of(System.getProperty("java.home"), "bin", name);
    assumeTrue(Files.isExecutable(tool), () -> "this JDK has no " + name + ": " + tool);
    List<String> command = new ArrayList<>(List.of(tool.toString()));
    command.addAll(List.of(args));
    Command result = Command.run(180, command);
    assertThat(result.exitCode()).as("%s:%n%s", String.join(" ", command), result.output()).isZero();
  }

  private static List<String> quoted(List<String> words) {
    return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList();
  }

  /** A command of the system, run to its end, with what it printed (stdout and stderr together). */
  private record Command(int exitCode, String output) {
    static Command run(String... command) throws Exception {
      return run(30, List.of(command));
    }

    static Command run(long timeoutSeconds, List<String> command) throws Exception {
      Process process;
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
      } catch (IOException e) {
        return new Command(-1, e.toString());
      }
      process.getOutputStream().close();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(process.getInputStream().readAllBytes(), UTF_8);
        } catch (IOException e) {
          return e.toString();
        }
      });
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
      return new Command(process.exitValue(), output.get(5, TimeUnit.SECONDS));
    }
  }
}

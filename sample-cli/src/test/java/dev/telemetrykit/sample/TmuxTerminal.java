package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real pseudo-terminal: one tmux pane of a fixed size running a shell script, which a test
 * reads like a user's eyes ({@link #screen()}) and types into like a user's hands
 * ({@link #type(String)}, {@link #press(String)}).
 *
 * <p>Every terminal has its own tmux server on a unique socket ({@code tmux -L}) started without
 * any configuration file, so tests never touch a developer's tmux sessions or settings.
 * {@link #close()} stops the server, with everything still running in the pane.
 */
final class TmuxTerminal implements AutoCloseable {
  /** Generous: a JVM start takes ~0.2 s, but a loaded CI machine may be much slower. */
  static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final String SESSION = "it";
  private static final Pattern EXIT_LINE = Pattern.compile("(?m)^EXIT=(\\d+)$");
  private static final boolean INSTALLED = probeTmux();

  private final String socket;
  private Path socketPath;

  private TmuxTerminal(String socket) {
    this.socket = socket;
  }

  /**
   * Starts {@code script} with {@code /bin/sh} (not the user's login shell, which may be fish) in a
   * {@code columns}×{@code rows} terminal. The pane stays open after the script ends, so its last
   * screen can still be read. Skips the test if tmux is not installed.
   */
  static TmuxTerminal start(int columns, int rows, Path workDir, String script) {
    Assumptions.assumeTrue(INSTALLED, "tmux is not installed: the end-to-end terminal tests need it on the PATH");
    TmuxTerminal terminal = new TmuxTerminal("telemetry-kit-it-" + UUID.randomUUID());
    // An exec'd sleep keeps the pane (and its screen) alive; close() ends it with the server.
    terminal.tmux("-f", "/dev/null", "new-session", "-d", "-s", SESSION,
        "-x", Integer.toString(columns), "-y", Integer.toString(rows), "-c", workDir.toString(),
        "/bin/sh", "-c", script + "\nexec sleep 300");
    try {
      terminal.socketPath = Path.of(terminal.tmux("display-message", "-p", "#{socket_path}").strip());
      return terminal;
    } catch (RuntimeException e) {
      terminal.run("kill-server");
      throw e;
    }
  }

  /**
   * Everything the pane has shown, scrollback included, one entry per line as the program wrote
   * it: lines the terminal wrapped are joined again, trailing blanks are dropped.
   */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (String line : tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION).split("\n", -1)) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** {@link #lines()} as one string, for {@code contains} checks and failure messages. */
  String screen() {
    return String.join("\n", lines());
  }

  /**
   * The pane's terminal settings right now, as {@code stty <format>} ({@code -a} or {@code -g})
   * prints them for its tty. Read from outside, so they can be checked while the program in the
   * pane is still running.
   */
  String ttySettings(String format) {
    Path tty = Path.of(tmux("display-message", "-p", "-t", SESSION, "#{pane_tty}").strip());
    try {
      Process stty = new ProcessBuilder("stty", format).redirectInput(tty.toFile()).redirectErrorStream(true).start();
      String settings = new String(stty.getInputStream().readAllBytes(), UTF_8);
      assertThat(stty.waitFor(10, TimeUnit.SECONDS) && stty.exitValue() == 0)
          .as("stty %s < %s: %s", format, tty, settings).isTrue();
      return settings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running stty", e);
    }
  }

  /** Types {@code text} literally, as if on a keyboard. */
  void type(String text) {
    tmux("send-keys", "-t", SESSION, "-l", text);
  }

  /** Presses one named key in tmux notation: {@code C-c} (Ctrl-C), {@code C-d} (EOF), {@code Enter}. */
  void press(String key) {
    tmux("send-keys", "-t", SESSION, key);
  }

  /** Waits until {@code text} is on the screen and returns the screen. */
  String awaitText(String text) {
    awaitScreen(screen -> assertThat(screen).contains(text));
    return screen();
  }

  /** Waits until the screen passes {@code assertion}; on a timeout, the last failure shows the screen. */
  void awaitScreen(Consumer<String> assertion) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertion.accept(screen()));
  }

  /** Waits for the {@code EXIT=<code>} line that the script prints after the command, and returns the code. */
  int awaitExitCode() {
    awaitScreen(screen -> assertThat(screen).containsPattern(EXIT_LINE));
    Matcher exit = EXIT_LINE.matcher(screen());
    exit.find();
    return Integer.parseInt(exit.group(1));
  }

  /** The lines the command printed: everything above the {@code EXIT=} line. Call after {@link #awaitExitCode()}. */
  List<String> linesBeforeExitCode() {
    List<String> lines = lines();
    for (int i = 0; i < lines.size(); i++) {
      if (EXIT_LINE.matcher(lines.get(i)).matches()) {
        return lines.subList(0, i);
      }
    }
    throw new AssertionError("no EXIT=<code> line on the screen:\n" + String.join("\n", lines));
  }

  @Override
  public void close() throws IOException {
    // Not checked: the server may already be gone if the pane's sleep ran out.
    run("kill-server");
    // tmux leaves its socket file behind; remove it so test runs do not litter its directory.
    Files.deleteIfExists(socketPath);
  }

  private String tmux(String... args) {
    Output output = run(args);
    if (output.exitCode() != 0) {
      throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + output.text());
    }
    return output.text();
  }

  private Output run(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Inside a developer's tmux these point at their server; ours is reached by -L only.
    builder.environment().remove("TMUX");
    builder.environment().remove("TMUX_PANE");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String text = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("tmux " + String.join(" ", args) + " did not finish within 10 s");
      }
      return new Output(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running tmux", e);
    }
  }

  private record Output(int exitCode, String text) {}

  private static boolean probeTmux() {
    try {
      Process process = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

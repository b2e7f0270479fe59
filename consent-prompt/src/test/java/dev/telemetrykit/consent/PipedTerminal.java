package dev.telemetrykit.consent;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.AbstractTerminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.utils.AttributedString;

/**
 * A real JLine terminal whose keyboard is a pipe the test types into and whose screen is a byte
 * buffer the test reads. Like a user, the test waits for the prompt before typing: the terminal
 * only switches to raw mode when the box is drawn, and a Ctrl-C typed earlier would be taken by
 * the line discipline as a signal.
 */
final class PipedTerminal implements AutoCloseable {

  /** Generous: the prompt appears in milliseconds, but CI machines stall. */
  static final Duration PATIENCE = Duration.ofSeconds(10);
  static final String KEY_LINE_END = "[?] Show me the data";

  private final PipedOutputStream keyboard;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Charset charset;
  private final AbstractTerminal terminal;

  private PipedTerminal(String type, int columns, Charset charset, Map<String, String> env) {
    this.charset = charset;
    try {
      PipedInputStream keys = new PipedInputStream(1024);
      this.keyboard = new PipedOutputStream(keys);
      this.terminal = Terminal.TYPE_DUMB.equals(type)
          ? new DumbTerminal("dumb-under-test", type, keys, screen, charset)
          : new ExternalTerminal("terminal-under-test", type, keys, screen, charset);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (columns > 0) {
      terminal.setSize(Size.of(columns, 24));
    }
    // The build machine's own COLUMNS or NO_COLOR must not change what the tests see.
    terminal.setEnv(env::get);
  }

  /** A colour terminal with the given width, UTF-8, empty environment. */
  static PipedTerminal xterm(int columns) {
    return new PipedTerminal("xterm-256color", columns, StandardCharsets.UTF_8, Map.of());
  }

  /** A colour terminal whose encoding is {@code charset}. */
  static PipedTerminal xterm(int columns, Charset charset) {
    return new PipedTerminal("xterm-256color", columns, charset, Map.of());
  }

  /** A dumb terminal (no size, no colour) with the given environment. */
  static PipedTerminal dumb(Map<String, String> env) {
    return new PipedTerminal(Terminal.TYPE_DUMB, 0, StandardCharsets.UTF_8, env);
  }

  Terminal terminal() {
    return terminal;
  }

  /** Starts {@code box.ask} on its own thread, as the user's terminal session would. */
  CompletableFuture<ConsentDecision> ask(ConsentBox box, Supplier<String> payload) {
    return CompletableFuture.supplyAsync(() -> box.ask(terminal, payload), task -> {
      Thread thread = new Thread(task, "consent-box-under-test");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Waits until the answer options have been printed {@code times} times in total. */
  void awaitPrompt(int times) {
    await().atMost(PATIENCE).until(() -> occurrences(plainScreen(), KEY_LINE_END) >= times);
  }

  /** Waits until the screen shows {@code text}. */
  void awaitScreen(String text) {
    await().atMost(PATIENCE).until(() -> plainScreen().contains(text));
  }

  void type(String keys) {
    type(keys.getBytes(StandardCharsets.UTF_8));
  }

  void type(byte... bytes) {
    try {
      keyboard.write(bytes);
      keyboard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the keyboard pipe: the terminal sees end of input. */
  void endInput() {
    try {
      keyboard.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything written to the terminal so far, decoded. */
  String screen() {
    return screen.toString(charset);
  }

  /** The screen without ANSI styles, i.e. what the user reads. */
  String plainScreen() {
    return AttributedString.stripAnsi(screen());
  }

  byte[] screenBytes() {
    return screen.toByteArray();
  }

  /** The plain screen split into lines; the terminal may turn '\n' into "\r\n". */
  List<String> screenLines() {
    return Arrays.asList(plainScreen().split("\r?\n", -1));
  }

  static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    try {
      terminal.close();
    } finally {
      keyboard.close();
    }
  }
}

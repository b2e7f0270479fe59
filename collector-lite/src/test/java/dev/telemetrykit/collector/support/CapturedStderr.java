package dev.telemetrykit.collector.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * Captures what the collector logs while it is open: slf4j-simple writes to whatever
 * {@code System.err} is at the time of each log call, so replacing it catches the server's log.
 *
 * <pre>{@code
 * try (CapturedStderr log = CapturedStderr.start()) {
 *   collector.post(...);
 *   assertThat(log.text()).isEmpty();
 * }
 * }</pre>
 */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedStderr() {
    System.setErr(new PrintStream(captured, true, UTF_8));
  }

  /** Starts capturing; {@link #close()} puts the original stream back. */
  public static CapturedStderr start() {
    return new CapturedStderr();
  }

  /** Everything written so far. */
  public String text() {
    return captured.toString(UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}

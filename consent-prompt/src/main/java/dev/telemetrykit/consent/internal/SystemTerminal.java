package dev.telemetrykit.consent.internal;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.TerminalBuilder.SystemOutput;

/** Opens the process's own terminal for the consent box. */
public final class SystemTerminal {

  private SystemTerminal() {
  }

  /**
   * Opens the system terminal on stdin and stderr.
   *
   * <ul>
   *   <li>{@code SysErr}: the box must never end up in the command's stdout, which may be piped
   *       into another program; with stderr not a terminal there is nobody to ask.</li>
   *   <li>{@code dumb(false)}: without a real terminal JLine would fall back to a dumb one that
   *       reads piped stdin; failing instead makes the caller answer "no decision" at once.</li>
   *   <li>{@code nativeSignals(false)}: JLine would otherwise replace the JVM's handlers for
   *       SIGINT and friends while the terminal is open, changing how the host CLI reacts to
   *       Ctrl-C. Raw mode delivers Ctrl-C to us as a byte anyway.</li>
   *   <li>{@code graphemeCluster(false)}: skips the grapheme-cluster capability probe, which
   *       waits for an answer the terminal may never send (about 500 ms measured).</li>
   * </ul>
   *
   * @throws IOException or an unchecked exception when no usable terminal exists
   */
  public static Terminal open() throws IOException {
    return TerminalBuilder.builder()
        .name("telemetry-kit consent")
        .system(true)
        .systemOutput(SystemOutput.SysErr)
        .dumb(false)
        .nativeSignals(false)
        .graphemeCluster(false)
        .build();
  }
}

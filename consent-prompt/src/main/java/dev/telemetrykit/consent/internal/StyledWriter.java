package dev.telemetrykit.consent.internal;

import dev.telemetrykit.consent.internal.StyledLine.Segment;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Writes {@link StyledLine}s to a terminal: with bold and dim ANSI styles on a colour terminal,
 * as plain text everywhere else (dumb terminals, {@code NO_COLOR}), so that logs and IDE consoles
 * never see escape codes.
 */
final class StyledWriter {

  private static final AttributedStyle STRONG = AttributedStyle.BOLD;
  private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();

  private final Terminal terminal;
  private final PrintWriter writer;
  private final boolean colour;

  StyledWriter(Terminal terminal, boolean colour) {
    this.terminal = terminal;
    this.writer = terminal.writer();
    this.colour = colour;
  }

  /** Writes each line followed by a line break. */
  void lines(List<StyledLine> lines) {
    for (StyledLine line : lines) {
      line(line);
      newLine();
    }
  }

  /** Writes a line without a line break, e.g. a prompt the cursor should wait after. */
  void line(StyledLine line) {
    writer.print(format(line));
  }

  /**
   * '\n' rather than println(): raw mode keeps output processing on, so the terminal adds the
   * carriage return itself, and println() would use the platform's separator.
   */
  void newLine() {
    writer.print('\n');
  }

  void flush() {
    writer.flush();
  }

  private String format(StyledLine line) {
    if (!colour) {
      return line.text();
    }
    StringBuilder sb = new StringBuilder();
    for (Segment segment : line.segments()) {
      // Only text segments are styled: toAnsi(terminal) would also rewrite box-drawing
      // characters into alternate-charset escapes, which layout never puts in styled segments.
      switch (segment.tone()) {
        case PLAIN -> sb.append(segment.text());
        case STRONG -> sb.append(new AttributedString(segment.text(), STRONG).toAnsi(terminal));
        case FAINT -> sb.append(new AttributedString(segment.text(), FAINT).toAnsi(terminal));
      }
    }
    return sb.toString();
  }
}

package dev.telemetrykit.consent.internal;

import java.nio.charset.Charset;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * What the box needs to know about a terminal: how wide to draw, with which glyphs, and whether
 * to use colour.
 *
 * @param boxWidth the width of the box in columns
 * @param columns the terminal's width in columns
 * @param glyphs Unicode or ASCII frame characters
 * @param colour whether bold/dim ANSI styles may be written
 */
public record TerminalProfile(int boxWidth, FrameGlyphs glyphs, boolean colour, int columns) {

  /** Used when neither the terminal nor {@code COLUMNS} knows the width. */
  static final int DEFAULT_COLUMNS = 80;

  /**
   * Inspects a terminal. The environment is read through {@link Terminal#getenv}, the hook JLine
   * offers for injecting it, rather than from the process. The glyphs follow the output
   * encoding, which is what the terminal's writer encodes with (it may differ from the input's).
   */
  public static TerminalProfile of(Terminal terminal) {
    return of(terminal.getColumns(), terminal.getenv("COLUMNS"), terminal.getenv("NO_COLOR"),
        terminal.outputEncoding(), terminal.getType(), terminal.getNumericCapability(Capability.max_colors));
  }

  /**
   * Decides from raw facts, so every branch can be tested without a terminal.
   *
   * @param columns the terminal's own width; 0 on dumb terminals, which do not know it
   * @param columnsEnv the {@code COLUMNS} variable, or {@code null}
   * @param noColorEnv the {@code NO_COLOR} variable (https://no-color.org), or {@code null}
   * @param encoding the terminal's output encoding, or {@code null} if unknown
   * @param type the terminal type, e.g. {@code xterm-256color} or {@code dumb}
   * @param maxColors the terminfo {@code max_colors} capability, or {@code null}
   */
  public static TerminalProfile of(int columns, String columnsEnv, String noColorEnv, Charset encoding,
                  String type, Integer maxColors) {
    int width = columns > 0 ? columns : parseColumns(columnsEnv);
    FrameGlyphs glyphs = FrameGlyphs.forEncoder(encoding == null ? null : encoding.newEncoder());
    boolean colour = maxColors != null && maxColors >= 8
        && !Terminal.TYPE_DUMB.equals(type)
        && (noColorEnv == null || noColorEnv.isEmpty());
    return new TerminalProfile(BoxLayout.boxWidth(width), glyphs, colour, width);
  }

  /**
   * The box width for {@code content}: {@link #boxWidth()}, widened up to the terminal's width
   * when that keeps the learn-more link on one line, since a link broken across lines cannot be
   * copied or clicked.
   */
  public int boxWidthFor(BoxContent content) {
    String link = content.learnMoreUrl();
    if (link == null) {
      return boxWidth;
    }
    return Math.max(boxWidth, Math.min(columns, DisplayWidth.of(link) + BoxLayout.FRAME_COLUMNS));
  }

  private static int parseColumns(String value) {
    if (value == null) {
      return DEFAULT_COLUMNS;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      return parsed > 0 ? parsed : DEFAULT_COLUMNS;
    } catch (NumberFormatException e) {
      return DEFAULT_COLUMNS;
    }
  }
}

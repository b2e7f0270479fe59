package dev.telemetrykit.consent.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy word wrapping measured in terminal columns. A token wider than the line (a URL, a long
 * path) is hard-broken, because a line that overflows would push the right-hand frame border onto
 * the next row.
 */
public final class TextWrapper {

  private TextWrapper() {
  }

  /** Splits prose into words on runs of spaces. */
  public static List<String> words(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split(" +"));
  }

  /** Wraps prose to {@code width} columns. */
  public static List<String> wrap(String text, int width) {
    return wrap(words(text), width);
  }

  /**
   * Wraps tokens to {@code width} columns, one space between tokens. A token may contain
   * spaces: it is kept on one line when it fits (so a command such as
   * {@code sample-cli telemetry disable} is not split across lines).
   *
   * @return at least one line; every line is at most {@code width} columns wide
   */
  public static List<String> wrap(List<String> tokens, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, was " + width);
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int lineWidth = 0;
    for (String token : tokens) {
      int tokenWidth = DisplayWidth.of(token);
      if (line.length() > 0 && lineWidth + 1 + tokenWidth <= width) {
        line.append(' ').append(token);
        lineWidth += 1 + tokenWidth;
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      String rest = token;
      while (DisplayWidth.of(rest) > width) {
        int cut = DisplayWidth.prefixLength(rest, width);
        lines.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      }
      line.append(rest);
      lineWidth = DisplayWidth.of(rest);
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}

package dev.telemetrykit.consent.internal;

import org.jline.utils.WCWidth;

/**
 * Terminal column widths of text. The box must be measured in columns, not chars: an East Asian
 * character takes two columns, a combining accent none, and a supplementary character is two
 * chars but one or two columns.
 */
public final class DisplayWidth {

  private DisplayWidth() {
  }

  /** Columns taken by {@code text}; control characters count as zero. */
  public static int of(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += ofCodePoint(cp);
      i += Character.charCount(cp);
    }
    return width;
  }

  /** Columns taken by one code point; wcwidth's -1 for control characters becomes 0. */
  public static int ofCodePoint(int codePoint) {
    return Math.max(0, WCWidth.wcwidth(codePoint));
  }

  /**
   * The longest prefix of {@code text} that fits in {@code columns}, as a char count. Always at
   * least one code point when {@code text} is not empty, so that callers that hard-break text
   * make progress even if a single wide character is wider than the space.
   */
  public static int prefixLength(String text, int columns) {
    int width = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int w = ofCodePoint(cp);
      if (width + w > columns && i > 0) {
        break;
      }
      width += w;
      i += Character.charCount(cp);
    }
    return i;
  }
}

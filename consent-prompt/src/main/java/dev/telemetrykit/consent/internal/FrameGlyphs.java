package dev.telemetrykit.consent.internal;

import java.nio.charset.CharsetEncoder;

/**
 * The characters the box is drawn with: Unicode box drawing, or plain ASCII for terminals whose
 * encoding cannot represent it. Every glyph is one column wide in both sets, so the layout does
 * not depend on which set is used.
 */
public enum FrameGlyphs {
  /** Light box drawing, bullet, em dash and ellipsis. */
  UNICODE('┌', '┐', '└', '┘', '─', '│', "•", "—", "…"),
  /** {@code + - | *}, for US-ASCII and other narrow encodings. */
  ASCII('+', '+', '+', '+', '-', '|', "*", "-", "...");

  final char topLeft;
  final char topRight;
  final char bottomLeft;
  final char bottomRight;
  final char horizontal;
  final char vertical;
  final String bullet;
  final String dash;
  final String ellipsis;

  FrameGlyphs(char topLeft, char topRight, char bottomLeft, char bottomRight, char horizontal,
        char vertical, String bullet, String dash, String ellipsis) {
    this.topLeft = topLeft;
    this.topRight = topRight;
    this.bottomLeft = bottomLeft;
    this.bottomRight = bottomRight;
    this.horizontal = horizontal;
    this.vertical = vertical;
    this.bullet = bullet;
    this.dash = dash;
    this.ellipsis = ellipsis;
  }

  /**
   * Picks Unicode only if the encoder can write every Unicode glyph we use, not just '┌':
   * code pages such as IBM437 have box drawing but no em dash, and a single unencodable
   * character would come out as '?'.
   */
  public static FrameGlyphs forEncoder(CharsetEncoder encoder) {
    if (encoder == null) {
      return ASCII;
    }
    String all = UNICODE.allGlyphs();
    return encoder.canEncode(all) ? UNICODE : ASCII;
  }

  /** The dash used in our own sentences ("Thanks — …"). */
  public String dash() {
    return dash;
  }

  private String allGlyphs() {
    return "" + topLeft + topRight + bottomLeft + bottomRight + horizontal + vertical
        + bullet + dash + ellipsis;
  }
}

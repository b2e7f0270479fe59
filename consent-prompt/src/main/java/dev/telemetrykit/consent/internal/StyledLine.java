package dev.telemetrykit.consent.internal;

import java.util.List;

/**
 * One output line as plain text segments, each with a tone. Layout works on the plain text (so
 * widths are exact); the terminal layer turns tones into ANSI only when the terminal has colour.
 * Frame characters are always in {@link Tone#PLAIN} segments, because JLine's {@code toAnsi}
 * would otherwise swap them for alternate-charset escapes.
 *
 * @param segments the pieces of the line, left to right
 */
public record StyledLine(List<Segment> segments) {

  /** How a segment is emphasised on a colour terminal. */
  public enum Tone {
    /** Normal text. */
    PLAIN,
    /** Bold: the title and the keys. */
    STRONG,
    /** Dim: hints the user may skip. */
    FAINT
  }

  /**
   * A run of text with one tone.
   *
   * @param text the characters, without control characters
   * @param tone the emphasis
   */
  public record Segment(String text, Tone tone) {
  }

  /** Copies the segment list so the line is immutable. */
  public StyledLine {
    segments = List.copyOf(segments);
  }

  /** A line made of one plain segment. */
  public static StyledLine plain(String text) {
    return new StyledLine(List.of(new Segment(text, Tone.PLAIN)));
  }

  /** A line made of one segment with the given tone. */
  public static StyledLine of(String text, Tone tone) {
    return new StyledLine(List.of(new Segment(text, tone)));
  }

  /** The line's text without any styling. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Segment segment : segments) {
      sb.append(segment.text());
    }
    return sb.toString();
  }
}

package dev.telemetrykit.consent.internal;

import dev.telemetrykit.consent.internal.StyledLine.Segment;
import dev.telemetrykit.consent.internal.StyledLine.Tone;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the consent box as framed lines of one exact width, without a terminal.
 *
 * <pre>
 * ┌─ Help us improve sample-cli ─────────┐
 * │ sample-cli can send anonymous usage  │
 * │ data to its authors.                 │
 * │                                      │
 * │ Collected:                           │
 * │   • which command ran                │
 * │ ...                                  │
 * └──────────────────────────────────────┘
 * </pre>
 */
public final class BoxLayout {

  /** Wider boxes are harder to read; 80 columns is the classic line length. */
  public static final int MAX_WIDTH = 80;

  /**
   * Narrowest box drawn. Below this the bullet text column would be a handful of characters
   * wide; a terminal that narrow cannot show the box usefully anyway.
   */
  public static final int MIN_WIDTH = 20;

  /** "│ " on the left and " │" on the right. */
  static final int FRAME_COLUMNS = 4;
  private static final String BULLET_INDENT = "  ";
  private static final String KEY_SEPARATOR = "  ";

  private final int width;
  private final int inner;
  private final FrameGlyphs glyphs;
  private final List<StyledLine> lines = new ArrayList<>();

  private BoxLayout(int width, FrameGlyphs glyphs) {
    this.width = width;
    this.inner = width - FRAME_COLUMNS;
    this.glyphs = glyphs;
  }

  /** The box width for a terminal this many columns wide: at most 80, at least {@link #MIN_WIDTH}. */
  public static int boxWidth(int terminalColumns) {
    return Math.max(MIN_WIDTH, Math.min(terminalColumns, MAX_WIDTH));
  }

  /**
   * Renders the framed box.
   *
   * @param width the exact display width of every returned line, at least {@link #MIN_WIDTH}
   * @return the lines top to bottom, frame included, without line terminators
   */
  public static List<StyledLine> render(BoxContent content, int width, FrameGlyphs glyphs) {
    if (width < MIN_WIDTH) {
      throw new IllegalArgumentException("width must be at least " + MIN_WIDTH + ", was " + width);
    }
    BoxLayout layout = new BoxLayout(width, glyphs);
    layout.title("Help us improve " + content.toolName());
    layout.paragraph(content.toolName() + " can send anonymous usage data to its authors.", Tone.PLAIN);
    if (content.consentGroup() != null) {
      layout.paragraph("Your answer applies to every tool of the consent group '" + content.consentGroup()
          + "'; each keeps its own anonymous id.", Tone.PLAIN);
    }
    layout.row("", Tone.PLAIN);
    layout.list("Collected:", content.collected());
    layout.list("Never collected:", content.neverCollected());
    List<String> footer = new ArrayList<>(TextWrapper.words(
        "Nothing is sent unless you say yes. Change your mind any time:"));
    footer.add(content.manageCommand());
    layout.rows(TextWrapper.wrap(footer, layout.inner), Tone.FAINT);
    if (content.learnMoreUrl() != null) {
      List<String> learnMore = List.of("Learn", "more:", content.learnMoreUrl());
      layout.rows(TextWrapper.wrap(learnMore, layout.inner), Tone.FAINT);
    }
    layout.bottom();
    return List.copyOf(layout.lines);
  }

  /**
   * The answer line under the box, wrapped (never inside an option) when {@code width} is too
   * narrow for all three options: {@code  [Y] Yes, help improve  [N] No thanks  [?] Show me the data}.
   */
  public static List<StyledLine> keyLine(int width) {
    String[][] options = {{"[Y]", "Yes, help improve"}, {"[N]", "No thanks"}, {"[?]", "Show me the data"}};
    List<StyledLine> result = new ArrayList<>();
    List<Segment> current = new ArrayList<>();
    int used = 0;
    for (String[] option : options) {
      String label = " " + option[1];
      int optionWidth = DisplayWidth.of(option[0] + label);
      if (!current.isEmpty() && used + KEY_SEPARATOR.length() + optionWidth > width) {
        result.add(new StyledLine(current));
        current = new ArrayList<>();
        used = 0;
      }
      String lead = current.isEmpty() ? " " : KEY_SEPARATOR;
      current.add(new Segment(lead, Tone.PLAIN));
      current.add(new Segment(option[0], Tone.STRONG));
      current.add(new Segment(label, Tone.PLAIN));
      used += lead.length() + optionWidth;
    }
    result.add(new StyledLine(current));
    return result;
  }

  private void title(String title) {
    // "┌─ " + title + " " + at least one "─" + "┐": six columns of frame around the title.
    String shown = truncate(title, width - 6);
    int fill = width - 5 - DisplayWidth.of(shown);
    lines.add(new StyledLine(List.of(
        new Segment("" + glyphs.topLeft + glyphs.horizontal + " ", Tone.PLAIN),
        new Segment(shown, Tone.STRONG),
        new Segment(" " + repeat(glyphs.horizontal, fill) + glyphs.topRight, Tone.PLAIN))));
  }

  private void list(String heading, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    row(heading, Tone.PLAIN);
    String bullet = BULLET_INDENT + glyphs.bullet + " ";
    String hanging = " ".repeat(DisplayWidth.of(bullet));
    int textWidth = inner - hanging.length();
    for (String item : items) {
      List<String> wrapped = TextWrapper.wrap(item, textWidth);
      for (int i = 0; i < wrapped.size(); i++) {
        row((i == 0 ? bullet : hanging) + wrapped.get(i), Tone.PLAIN);
      }
    }
  }

  private void paragraph(String text, Tone tone) {
    rows(TextWrapper.wrap(text, inner), tone);
  }

  private void rows(List<String> texts, Tone tone) {
    for (String text : texts) {
      row(text, tone);
    }
  }

  private void row(String text, Tone tone) {
    int pad = inner - DisplayWidth.of(text);
    lines.add(new StyledLine(List.of(
        new Segment(glyphs.vertical + " ", Tone.PLAIN),
        new Segment(text, tone),
        new Segment(" ".repeat(pad) + " " + glyphs.vertical, Tone.PLAIN))));
  }

  private void bottom() {
    lines.add(StyledLine.plain(glyphs.bottomLeft + repeat(glyphs.horizontal, width - 2) + glyphs.bottomRight));
  }

  private String truncate(String text, int columns) {
    if (DisplayWidth.of(text) <= columns) {
      return text;
    }
    int keep = DisplayWidth.prefixLength(text, columns - DisplayWidth.of(glyphs.ellipsis));
    return text.substring(0, keep) + glyphs.ellipsis;
  }

  private static String repeat(char c, int count) {
    return String.valueOf(c).repeat(Math.max(0, count));
  }
}

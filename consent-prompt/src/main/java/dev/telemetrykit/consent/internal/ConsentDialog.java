package dev.telemetrykit.consent.internal;

import dev.telemetrykit.consent.ConsentDecision;
import dev.telemetrykit.consent.internal.StyledLine.Tone;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * One conversation on a terminal: draw the box, read keys, show the payload on request, confirm
 * the answer, and leave the terminal as it was found. Failures propagate as exceptions; the public
 * {@code ConsentBox} turns them into {@link ConsentDecision#NO_DECISION}.
 */
public final class ConsentDialog {

  private final BoxContent content;
  private final Duration timeout;
  private final LongSupplier nanoClock;

  /**
   * Creates a dialog; nothing touches a terminal until {@link #run}.
   *
   * @param content the words of the box
   * @param timeout how long to wait for an answer; restarts after the payload is shown, since
   *     the user is then reading, not absent
   * @param nanoClock a monotonic clock, normally {@code System::nanoTime}
   */
  public ConsentDialog(BoxContent content, Duration timeout, LongSupplier nanoClock) {
    this.content = content;
    this.timeout = timeout;
    this.nanoClock = nanoClock;
  }

  /**
   * Runs the dialog. The terminal's attributes are restored and a confirmation line is printed
   * whatever happens, so the shell is never left in raw mode with the cursor after the prompt.
   *
   * @param payload supplies the compact JSON shown on {@code ?}; called only if the user asks
   */
  public ConsentDecision run(Terminal terminal, Supplier<String> payload) throws IOException {
    TerminalProfile profile = TerminalProfile.of(terminal);
    StyledWriter out = new StyledWriter(terminal, profile.colour());
    // Raw mode before drawing: keys typed while the box appears are neither echoed nor
    // turned into signals, and the single-key read needs no Enter.
    Attributes saved = terminal.enterRawMode();
    ConsentDecision decision = ConsentDecision.NO_DECISION;
    try {
      out.lines(BoxLayout.render(content, profile.boxWidthFor(content), profile.glyphs()));
      out.flush();
      KeyLoop keys = new KeyLoop(terminal.reader(), nanoClock);
      // Only keys pressed once the options are visible count: discard first, then show them.
      keys.discardTypeAhead();
      printKeyLine(out, profile);
      decision = converse(out, profile, keys, payload);
    } finally {
      terminal.setAttributes(saved);
      out.newLine();
      String confirmation = confirmation(decision, profile.glyphs());
      out.lines(TextWrapper.wrap(confirmation, profile.boxWidthFor(content)).stream().map(StyledLine::plain).toList());
      out.flush();
    }
    return decision;
  }

  private ConsentDecision converse(StyledWriter out, TerminalProfile profile, KeyLoop keys,
                  Supplier<String> payload) throws IOException {
    while (true) {
      switch (keys.await(timeout)) {
        case YES -> {
          return ConsentDecision.GRANTED;
        }
        case NO -> {
          return ConsentDecision.DENIED;
        }
        case NONE -> {
          return ConsentDecision.NO_DECISION;
        }
        case SHOW_DATA -> {
          out.newLine();
          out.lines(payloadLines(payload));
          if (content.previewNote() != null) {
            out.lines(TextWrapper.wrap(content.previewNote(), profile.boxWidthFor(content)).stream()
                .map(line -> StyledLine.of(line, Tone.FAINT)).toList());
          }
          printKeyLine(out, profile);
        }
      }
    }
  }

  /**
   * Prints the answer options; the last line has no line break so the cursor waits after it,
   * one space on. The options are laid out one column narrower to leave room for the cursor.
   */
  private static void printKeyLine(StyledWriter out, TerminalProfile profile) {
    List<StyledLine> lines = BoxLayout.keyLine(profile.boxWidth() - 1);
    out.lines(lines.subList(0, lines.size() - 1));
    out.line(lines.get(lines.size() - 1));
    out.line(StyledLine.plain(" "));
    out.flush();
  }

  private static List<StyledLine> payloadLines(Supplier<String> payload) {
    String json;
    try {
      json = payload.get();
    } catch (RuntimeException e) {
      // The caller's preview failed; the user can still answer, so keep the dialog going.
      json = null;
    }
    if (json == null || json.isBlank()) {
      return List.of(StyledLine.of("(The data preview is not available.)", Tone.FAINT));
    }
    List<StyledLine> lines = new ArrayList<>();
    lines.add(StyledLine.of("This is exactly what would be sent:", Tone.FAINT));
    for (String line : JsonIndenter.indent(json).split("\n", -1)) {
      lines.add(StyledLine.plain(withoutControlCharacters(line)));
    }
    return lines;
  }

  /**
   * The payload comes from elsewhere; valid JSON has no raw control characters, but anything
   * else must not be able to move the cursor or recolour the user's terminal.
   */
  private static String withoutControlCharacters(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return sb.toString();
  }

  private static String confirmation(ConsentDecision decision, FrameGlyphs glyphs) {
    String dash = " " + glyphs.dash() + " ";
    return switch (decision) {
      case GRANTED -> "Thanks" + dash + "usage data will be sent.";
      case DENIED -> "OK" + dash + "nothing will be sent.";
      case NO_DECISION -> "No answer" + dash + "you will be asked again next time.";
    };
  }
}

package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProfileTest {

  private static TerminalProfile profile(int columns, String columnsEnv) {
    return TerminalProfile.of(columns, columnsEnv, null, StandardCharsets.UTF_8, "xterm-256color", 256);
  }

  @Test
  void terminalWidthWinsOverColumnsVariable() {
    assertThat(profile(60, "100").boxWidth()).isEqualTo(60);
  }

  @Test
  void dumbTerminalWithoutWidthUsesColumnsVariable() {
    assertThat(profile(0, "45").boxWidth()).isEqualTo(45);
  }

  @Test
  void missingOrUnreadableColumnsFallsBackToEighty() {
    assertThat(profile(0, null).boxWidth()).isEqualTo(80);
    assertThat(profile(0, "wide").boxWidth()).isEqualTo(80);
    assertThat(profile(0, "-3").boxWidth()).isEqualTo(80);
  }

  @Test
  void boxIsNeverWiderThanEighty() {
    assertThat(profile(200, null).boxWidth()).isEqualTo(80);
  }

  @Test
  void unicodeOnlyWhenTheEncodingCanWriteEveryGlyph() {
    assertThat(TerminalProfile.of(80, null, null, StandardCharsets.UTF_8, "xterm", 8).glyphs())
        .isEqualTo(FrameGlyphs.UNICODE);
    assertThat(TerminalProfile.of(80, null, null, StandardCharsets.US_ASCII, "xterm", 8).glyphs())
        .isEqualTo(FrameGlyphs.ASCII);
    assertThat(TerminalProfile.of(80, null, null, null, "xterm", 8).glyphs()).isEqualTo(FrameGlyphs.ASCII);
  }

  @Test
  void codePageWithBoxDrawingButNoEmDashGetsAscii() {
    assumeTrue(Charset.isSupported("IBM437"), "IBM437 is not installed in this JDK");
    Charset cp437 = Charset.forName("IBM437");
    assumeTrue(cp437.newEncoder().canEncode('┌'));

    assertThat(TerminalProfile.of(80, null, null, cp437, "xterm", 8).glyphs()).isEqualTo(FrameGlyphs.ASCII);
  }

  @Test
  void colourNeedsEightColoursAndANonDumbTerminal() {
    assertThat(TerminalProfile.of(80, null, null, null, "xterm-256color", 256).colour()).isTrue();
    assertThat(TerminalProfile.of(80, null, null, null, "ansi", 8).colour()).isTrue();
    assertThat(TerminalProfile.of(80, null, null, null, "vt100", null).colour()).isFalse();
    assertThat(TerminalProfile.of(80, null, null, null, "dumb", 256).colour()).isFalse();
  }

  @Test
  void noColorVariableTurnsColourOffUnlessEmpty() {
    assertThat(TerminalProfile.of(80, null, "1", null, "xterm-256color", 256).colour()).isFalse();
    assertThat(TerminalProfile.of(80, null, "", null, "xterm-256color", 256).colour()).isTrue();
  }

  @Test
  void boxWidensToKeepALongLinkOnOneLineWhenTheTerminalIsWideEnough() {
    BoxContent content = new BoxContent("tool", java.util.List.of("x"), java.util.List.of(),
        "https://example.com/" + "a".repeat(90), "tool telemetry disable");
    assertThat(profile(200, null).boxWidthFor(content)).isEqualTo(114);
    assertThat(profile(100, null).boxWidthFor(content)).isEqualTo(100);
    assertThat(profile(60, null).boxWidthFor(content)).isEqualTo(60);
  }

  @Test
  void shortLinkKeepsTheUsualWidth() {
    BoxContent content = new BoxContent("tool", java.util.List.of("x"), java.util.List.of(),
        "https://example.com/p", "tool telemetry disable");
    assertThat(profile(200, null).boxWidthFor(content)).isEqualTo(80);
  }
}

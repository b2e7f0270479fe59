package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoxLayoutTest {

  private static List<String> render(BoxContent content, int width, FrameGlyphs glyphs) {
    return BoxLayout.render(content, width, glyphs).stream().map(StyledLine::text).toList();
  }

  @Test
  void sampleBoxAtSixtyColumnsMatchesTheDesign() {
    assertThat(render(SampleTexts.content(), 60, FrameGlyphs.UNICODE)).containsExactly(
        "┌─ Help us improve sample-cli ─────────────────────────────┐",
        "│ sample-cli can send anonymous usage data to its authors. │",
        "│                                                          │",
        "│ Collected:                                               │",
        "│   • which command ran and which option names were used   │",
        "│   • how long it took and whether it succeeded            │",
        "│   • tool version, OS, CPU architecture, Java version     │",
        "│ Never collected:                                         │",
        "│   • argument or option values                            │",
        "│   • file names and paths                                 │",
        "│   • user and host names, IP addresses                    │",
        "│   • error messages and stack traces                      │",
        "│ Nothing is sent unless you say yes. Change your mind any │",
        "│ time: sample-cli telemetry disable                       │",
        "│ Learn more: https://example.com/telemetry                │",
        "└──────────────────────────────────────────────────────────┘");
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 21, 33, 40, 41, 59, 60, 61, 79, 80})
  void everyLineHasTheBoxWidthAndAnIntactFrame(int width) {
    List<String> lines = render(SampleTexts.content(), width, FrameGlyphs.UNICODE);

    assertThat(lines).allSatisfy(line -> assertThat(DisplayWidth.of(line)).isEqualTo(width));
    assertThat(lines.get(0)).startsWith("┌─ ").endsWith("─┐");
    assertThat(lines.subList(1, lines.size() - 1))
        .allSatisfy(line -> assertThat(line).startsWith("│ ").endsWith(" │"));
    assertThat(lines.get(lines.size() - 1)).matches("└─+┘");
  }

  @Test
  void aToolInAConsentGroupSaysTheAnswerCoversEveryToolOfTheGroup() {
    BoxContent content = new BoxContent("acme-build", List.of("commands"), List.of(), null,
        "acme-build telemetry disable", null, "acme");

    List<String> lines = render(content, 60, FrameGlyphs.UNICODE);

    assertThat(lines.subList(1, 4)).containsExactly(
        "│ acme-build can send anonymous usage data to its authors. │",
        "│ Your answer applies to every tool of the consent group   │",
        "│ 'acme'; each keeps its own anonymous id.                 │");
    assertThat(render(new BoxContent("acme-build", List.of("commands"), List.of(), null,
        "acme-build telemetry disable"), 60, FrameGlyphs.UNICODE))
        .noneSatisfy(line -> assertThat(line).contains("consent group"));
  }

  @Test
  void asciiGlyphsReplaceEveryUnicodeCharacter() {
    List<String> lines = render(SampleTexts.content(), 40, FrameGlyphs.ASCII);

    assertThat(lines.get(0)).startsWith("+- Help us improve sample-cli ").endsWith("-+");
    assertThat(lines).contains("|   * argument or option values        |");
    assertThat(lines.get(lines.size() - 1)).matches("\\+-+\\+");
    assertThat(String.join("", lines).chars()).allSatisfy(c -> assertThat(c).isLessThan(128));
  }

  @Test
  void urlLongerThanTheBoxIsHardBrokenAndKeptWhole() {
    String url = "https://example.com/" + "very-long-path-segment/".repeat(6) + "telemetry";
    BoxContent content = new BoxContent("t", List.of("commands"), List.of(), url, "t telemetry disable");

    List<String> lines = render(content, 40, FrameGlyphs.UNICODE);

    assertThat(lines).allSatisfy(line -> assertThat(DisplayWidth.of(line)).isEqualTo(40));
    String inside = lines.stream().map(line -> line.substring(2, line.length() - 2).strip())
        .reduce("", String::concat);
    assertThat(inside).contains(url);
  }

  @Test
  void manageCommandStaysOnOneLineWhenItFits() {
    List<String> lines = render(SampleTexts.content(), 45, FrameGlyphs.UNICODE);

    assertThat(lines).anySatisfy(line -> assertThat(line).contains("sample-cli telemetry disable"));
  }

  @Test
  void longToolNameIsShortenedInTheTitleOnly() {
    String tool = "a-rather-long-tool-name-x";
    BoxContent content = new BoxContent(tool, List.of("commands"), List.of(), null, tool + " telemetry disable");

    List<String> lines = render(content, 40, FrameGlyphs.UNICODE);

    assertThat(lines.get(0)).isEqualTo("┌─ Help us improve a-rather-long-too… ─┐");
    assertThat(lines.get(1)).isEqualTo("│ a-rather-long-tool-name-x can send   │");
  }

  @Test
  void wideCharactersAreMeasuredInColumns() {
    BoxContent content = new BoxContent("ツール", List.of("実行されたコマンドとオプション名、所要時間と成否"),
        List.of(), null, "ツール telemetry disable");

    List<String> lines = render(content, 30, FrameGlyphs.UNICODE);

    assertThat(lines).allSatisfy(line -> assertThat(DisplayWidth.of(line)).isEqualTo(30));
  }

  @Test
  void optionalSectionsAreLeftOut() {
    BoxContent content = new BoxContent("t", List.of("commands"), List.of(), null, "t telemetry disable");

    assertThat(String.join("\n", render(content, 60, FrameGlyphs.UNICODE)))
        .doesNotContain("Never collected").doesNotContain("Learn more");
  }

  @Test
  void titleIsTheOnlyStrongTextAndTheFooterIsFaint() {
    List<StyledLine> lines = BoxLayout.render(SampleTexts.content(), 60, FrameGlyphs.UNICODE);

    assertThat(lines.get(0).segments()).extracting(StyledLine.Segment::tone)
        .containsExactly(StyledLine.Tone.PLAIN, StyledLine.Tone.STRONG, StyledLine.Tone.PLAIN);
    assertThat(lines.get(0).segments().get(1).text()).isEqualTo("Help us improve sample-cli");
    assertThat(lines.get(lines.size() - 2).segments().get(1).tone()).isEqualTo(StyledLine.Tone.FAINT);
  }

  @ParameterizedTest
  @EnumSource(FrameGlyphs.class)
  void frameCharactersAreNeverInStyledSegments(FrameGlyphs glyphs) {
    // toAnsi() would turn styled box-drawing characters into alternate-charset escapes.
    List<StyledLine> lines = BoxLayout.render(SampleTexts.content(), 60, glyphs);

    assertThat(lines).flatExtracting(StyledLine::segments)
        .filteredOn(segment -> segment.tone() != StyledLine.Tone.PLAIN)
        .allSatisfy(segment -> assertThat(segment.text()).doesNotContain("│", "─", "|"));
  }

  @Test
  void keyLineFitsOnOneLineFromSixtyColumns() {
    assertThat(BoxLayout.keyLine(60)).extracting(StyledLine::text)
        .containsExactly(" [Y] Yes, help improve  [N] No thanks  [?] Show me the data");
  }

  @Test
  void keyLineWrapsBetweenOptionsWhenNarrow() {
    assertThat(BoxLayout.keyLine(39)).extracting(StyledLine::text)
        .containsExactly(" [Y] Yes, help improve  [N] No thanks", " [?] Show me the data");
  }

  @Test
  void boxWidthIsTheTerminalWidthBetweenTwentyAndEighty() {
    assertThat(IntStream.of(0, 10, 20, 40, 79, 80, 81, 200).map(BoxLayout::boxWidth))
        .containsExactly(20, 20, 20, 40, 79, 80, 80, 80);
  }
}

package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWrapperTest {

  @Test
  void wrapsAtSpacesWithoutExceedingTheWidth() {
    assertThat(TextWrapper.wrap("the quick brown fox jumps over the lazy dog", 15))
        .containsExactly("the quick brown", "fox jumps over", "the lazy dog");
  }

  @Test
  void hardBreaksAWordLongerThanTheLine() {
    assertThat(TextWrapper.wrap("see https://example.com/abcdefghij now", 10))
        .containsExactly("see", "https://ex", "ample.com/", "abcdefghij", "now");
  }

  @Test
  void keepsAMultiWordTokenTogetherWhenItFits() {
    List<String> tokens = List.of("Change", "it:", "sample-cli telemetry disable");

    assertThat(TextWrapper.wrap(tokens, 30)).containsExactly("Change it:", "sample-cli telemetry disable");
  }

  @Test
  void collapsesRunsOfSpaces() {
    assertThat(TextWrapper.wrap("  a   b  ", 10)).containsExactly("a b");
  }

  @Test
  void emptyTextIsOneEmptyLine() {
    assertThat(TextWrapper.wrap("", 10)).containsExactly("");
  }

  @Test
  void countsWideCharactersAsTwoColumns() {
    assertThat(TextWrapper.wrap("日本語テキスト", 6)).containsExactly("日本語", "テキス", "ト");
  }

  @Test
  void displayWidthIgnoresCombiningMarksAndCountsSupplementaryCharactersOnce() {
    assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1);
    assertThat(DisplayWidth.of("\uD835\uDC00")).isEqualTo(1); // MATHEMATICAL BOLD CAPITAL A
  }
}

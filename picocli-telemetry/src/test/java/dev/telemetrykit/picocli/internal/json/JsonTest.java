package dev.telemetrykit.picocli.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void valuesSurviveARoundTrip() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é ✓ \u2028");
    value.put("long", 1_764_000_000_123L);
    value.put("negative", -5L);
    value.put("double", 2.5);
    value.put("true", true);
    value.put("null", null);
    value.put("list", List.of("a", 1L, List.of()));
    value.put("empty", Map.of());
    assertThat(Json.parse(Json.compact(value))).isEqualTo(value);
    assertThat(Json.parse(Json.pretty(value))).isEqualTo(value);
  }

  @Test
  void compactIsOneLineAndPrettyIsIndented() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", List.of(1L, 2L));
    assertThat(Json.compact(value)).isEqualTo("{\"a\":[1,2]}");
    assertThat(Json.pretty(value)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
  }

  @Test
  void escapesAreWrittenExactlyWhereverTheyStand() {
    assertThat(Json.compact("\"a\\\n")).isEqualTo("\"\\\"a\\\\\\n\"");
    assertThat(Json.compact("\u0001x\u2028")).isEqualTo("\"\\u0001x\\u2028\"");
    assertThat(Json.compact("no escape")).isEqualTo("\"no escape\"");
    assertThat(Json.compact("")).isEqualTo("\"\"");
  }

  @Test
  void escapesAreReadExactlyWhereverTheyStand() {
    assertThat(Json.parse("\"\\\"a\\\\\\n\"")).isEqualTo("\"a\\\n");
    assertThat(Json.parse("\"\\t\\u0041\\/z\"")).isEqualTo("\tA/z");
    assertThat(Json.parse("\"no escape\"")).isEqualTo("no escape");
    assertThat(Json.parse("\"\"")).isEqualTo("");
  }

  @Test
  void escapedUnicodeIsDecoded() {
    assertThat(Json.parse("\"\\u00e9\\n\\/\"")).isEqualTo("é\n/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\" 1}", "[1,]", "\"unterminated", "tru", "{\"a\":1} x", "01x", "\"\\q\"", "-"})
  void malformedJsonIsRejectedWithThePosition(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at offset");
  }

  @Test
  void deepNestingIsRejectedInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested deeper than");
  }

  @Test
  void nonFiniteNumbersCannotBeWritten() {
    assertThatThrownBy(() -> Json.compact(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}

package dev.telemetrykit.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonIndenterTest {

  @Test
  void indentsNestedObjectsAndArraysByTwoSpaces() {
    assertThat(JsonIndenter.indent("{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}")).isEqualTo("""
                {
                  "a": 1,
                  "b": [
                    true,
                    null
                  ],
                  "c": {
                    "d": "e"
                  }
                }""");
  }

  @Test
  void leavesStructuralCharactersAndEscapedQuotesInsideStringsAlone() {
    assertThat(JsonIndenter.indent("{\"q\":\"say \\\"hi\\\", {x: [1]}\",\"n\":2}")).isEqualTo("""
                {
                  "q": "say \\"hi\\", {x: [1]}",
                  "n": 2
                }""");
  }

  @Test
  void escapedBackslashBeforeAClosingQuoteEndsTheString() {
    assertThat(JsonIndenter.indent("{\"path\":\"C:\\\\\",\"x\":1}")).isEqualTo("""
                {
                  "path": "C:\\\\",
                  "x": 1
                }""");
  }

  @Test
  void keepsEmptyContainersOnOneLine() {
    assertThat(JsonIndenter.indent("{\"events\":[],\"meta\":{ }}")).isEqualTo("""
                {
                  "events": [],
                  "meta": {}
                }""");
  }

  @Test
  void reindentsAlreadyPrettyInputTheSameWay() {
    String compact = "{\"a\":[1,2],\"b\":\"x  y\"}";
    String pretty = JsonIndenter.indent(compact);

    assertThat(JsonIndenter.indent(pretty)).isEqualTo(pretty);
    assertThat(pretty).contains("\"x  y\"");
  }

  @Test
  void topLevelArrayAndScalarAreSupported() {
    assertThat(JsonIndenter.indent("[1,\"two\"]")).isEqualTo("[\n  1,\n  \"two\"\n]");
    assertThat(JsonIndenter.indent("42")).isEqualTo("42");
  }
}

package dev.telemetrykit.collector.ingest;

import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {
  @Test
  void duplicateKeyIsRejectedNamingItsPath() {
    byte[] body = "{\"events\":[{\"a\":1},{\"b\":1,\"b\":2}]}".getBytes(UTF_8);
    assertThatThrownBy(() -> JsonBody.parse(body))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.field()).isEqualTo("events[1].b"));
  }

  @Test
  void pathologicallyDeepNestingIsRejectedWithoutStackOverflow() {
    byte[] body = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(UTF_8);
    assertThatThrownBy(() -> JsonBody.parse(body))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{} {}", "{\"a\":1} x", "{'a':1}", "{\"a\":NaN}", "{\"a\":01}"})
  void anythingButOneStrictJsonValueIsRejected(String body) {
    assertThatThrownBy(() -> JsonBody.parse(body.getBytes(UTF_8)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isNull();
        });
  }

  @Test
  void utf16IsRejectedEvenThoughItIsValidJson() {
    assertThatThrownBy(() -> JsonBody.parse("{\"a\":1}".getBytes(UTF_16)))
        .isInstanceOf(RequestRejectedException.class);
  }

  @Test
  void overlongUtf8EncodingIsRejected() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}; // overlong '/'
    assertThatThrownBy(() -> JsonBody.parse(body)).hasMessageContaining("UTF-8");
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 100_000})
  void overlongNumberIsRejectedAsInvalid(int digits) {
    byte[] body = ("{\"a\":" + "9".repeat(digits) + "}").getBytes(UTF_8);
    assertThatThrownBy(() -> JsonBody.parse(body))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void hugeKeyIsRejectedAsInvalid() {
    byte[] body = ("{\"" + "k".repeat(100_000) + "\":1}").getBytes(UTF_8);
    assertThatThrownBy(() -> JsonBody.parse(body))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void byteOrderMarkIsRejected() {
    byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertThatThrownBy(() -> JsonBody.parse(body)).hasMessageStartingWith("malformed JSON");
  }

  @Test
  void trailingWhitespaceIsAllowed() {
    assertThat(JsonBody.parse("{\"a\":1}\n  \n".getBytes(UTF_8)).get("a").intValue()).isEqualTo(1);
  }
}

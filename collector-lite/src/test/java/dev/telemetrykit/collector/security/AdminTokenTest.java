package dev.telemetrykit.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which admin token is in force, and how presented tokens and ingest keys are judged. */
class AdminTokenTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<String> claims = new ArrayList<>();

  /** A settings table holding {@code stored} (null: empty) that records what was offered. */
  private UnaryOperator<String> settings(String stored) {
    return offered -> {
      claims.add(offered);
      return stored == null ? offered : stored;
    };
  }

  @Test
  void configuredTokenIsTheOnlyOneAccepted() {
    AdminToken token = AdminToken.resolve("correct-horse-battery-staple", false, settings(null), RANDOM);

    assertThat(token.required()).isTrue();
    assertThat(token.accepts("correct-horse-battery-staple")).isTrue();
    assertThat(token.accepts("correct-horse-battery-stapl")).isFalse();
    assertThat(token.accepts("correct-horse-battery-staple ")).isFalse();
    assertThat(token.accepts(null)).isFalse();
    assertThat(token.generated()).isEmpty();
    assertThat(claims).as("a configured token is never stored").isEmpty();
  }

  @Test
  void loopbackWithoutATokenIsOpen() {
    AdminToken token = AdminToken.resolve(null, true, settings(null), RANDOM);

    assertThat(token.required()).isFalse();
    assertThat(token.accepts(null)).isTrue();
    assertThat(claims).isEmpty();
  }

  @Test
  void beyondLoopbackATokenIsGeneratedAndOnlyItsDigestStored() {
    AdminToken token = AdminToken.resolve(null, false, settings(null), RANDOM);

    String generated = token.generated().orElseThrow();
    assertThat(generated).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes, base64url without padding
    assertThat(token.accepts(generated)).isTrue();
    assertThat(claims).containsExactly(HexFormat.of().formatHex(Secrets.sha256(generated)));
  }

  @Test
  void tokenGeneratedAtAnEarlierStartStaysAndIsNotShownAgain() {
    String first = AdminToken.resolve(null, false, settings(null), RANDOM).generated().orElseThrow();
    String storedDigest = claims.get(0);

    AdminToken later = AdminToken.resolve(null, false, settings(storedDigest), RANDOM);

    assertThat(later.generated()).isEmpty();
    assertThat(later.accepts(first)).isTrue();
    assertThat(later.accepts("any-other-token-of-enough-length")).isFalse();
  }

  @Test
  void malformedStoredDigestStopsTheStartWithAHint() {
    assertThatThrownBy(() -> AdminToken.resolve(null, false, settings("not-a-digest"), RANDOM))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("collector_settings");
  }

  @Test
  void toStringNeverShowsTheToken() {
    assertThat(AdminToken.of("correct-horse-battery-staple").toString()).doesNotContain("horse");
    assertThat(IngestKeys.of(Map.of("sample-cli", "key-for-sample-cli-1")).toString()).doesNotContain("key-for");
  }

  @Test
  void ingestKeysGuardOnlyTheirOwnService() {
    IngestKeys keys = IngestKeys.of(Map.of("sample-cli", "key-for-sample-cli-1"));

    assertThat(keys.accepts("sample-cli", "key-for-sample-cli-1")).isTrue();
    assertThat(keys.accepts("sample-cli", "key-for-sample-cli-2")).isFalse();
    assertThat(keys.accepts("sample-cli", null)).isFalse();
    assertThat(keys.accepts("acme-db", null)).isTrue();
    assertThat(keys.accepts(null, null)).isTrue(); // no service name: the validator answers 400
  }
}

package dev.telemetrykit.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per hashed client, on a ticker the test moves. */
class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000);

  private RateLimiter limiter(int perMinute) {
    return RateLimiter.perMinute(perMinute, nanos::get, new SecureRandom());
  }

  private void advanceSeconds(double seconds) {
    nanos.addAndGet((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
  }

  @Test
  void aMinutesWorthPassesAtOnceThenTheClientWaitsForTheNextToken() {
    RateLimiter limiter = limiter(60); // one token a second

    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire("192.0.2.1")).as("request %d", i).isZero();
    }
    assertThat(limiter.acquire("192.0.2.1")).isEqualTo(1);
  }

  @Test
  void retryAfterIsTheWholeSecondsUntilTheNextToken() {
    RateLimiter limiter = limiter(2); // one token every 30 s
    limiter.acquire("192.0.2.1");
    limiter.acquire("192.0.2.1");

    assertThat(limiter.acquire("192.0.2.1")).isEqualTo(30);
    advanceSeconds(10.5);
    assertThat(limiter.acquire("192.0.2.1")).isEqualTo(20); // 19.5 s left, rounded up
  }

  @Test
  void clientRecoversAsTokensRefill() {
    RateLimiter limiter = limiter(2);
    limiter.acquire("192.0.2.1");
    limiter.acquire("192.0.2.1");

    advanceSeconds(30);

    assertThat(limiter.acquire("192.0.2.1")).isZero();
    assertThat(limiter.acquire("192.0.2.1")).isPositive();
  }

  @Test
  void refillNeverExceedsTheBurst() {
    RateLimiter limiter = limiter(2);
    advanceSeconds(3_600);

    assertThat(limiter.acquire("192.0.2.1")).isZero();
    assertThat(limiter.acquire("192.0.2.1")).isZero();
    assertThat(limiter.acquire("192.0.2.1")).isPositive();
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    RateLimiter limiter = limiter(1);
    limiter.acquire("192.0.2.1");

    assertThat(limiter.acquire("192.0.2.1")).isPositive();
    assertThat(limiter.acquire("2001:db8::1")).isZero();
  }

  @Test
  void bucketsAreBoundedByForgettingTheLeastRecentClient() {
    RateLimiter limiter = limiter(1);
    limiter.acquire("198.51.100.0");
    for (int i = 1; i <= RateLimiter.MAX_CLIENTS; i++) {
      limiter.acquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }

    assertThat(limiter.clients()).isEqualTo(RateLimiter.MAX_CLIENTS);
    assertThat(limiter.acquire("198.51.100.0")).isZero(); // forgotten, so forgiven: never wrongly blocked
  }

  @Test
  void zeroMeansNoLimit() {
    RateLimiter limiter = limiter(0);

    for (int i = 0; i < 1_000; i++) {
      assertThat(limiter.acquire("192.0.2.1")).isZero();
    }
    assertThat(limiter.clients()).isZero();
  }

  @Test
  void negativeLimitIsRefused() {
    assertThatThrownBy(() -> limiter(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fingerprintsDependOnTheSaltSoTheyCannotBeMatchedToAddresses() {
    ClientFingerprint one = new ClientFingerprint(new SecureRandom());
    ClientFingerprint other = new ClientFingerprint(new SecureRandom());

    assertThat(one.of("192.0.2.1")).isEqualTo(one.of("192.0.2.1"));
    assertThat(one.of("192.0.2.1")).isNotEqualTo(other.of("192.0.2.1"));
    assertThat(one.of("192.0.2.1")).isNotEqualTo(one.of("192.0.2.2"));
  }
}

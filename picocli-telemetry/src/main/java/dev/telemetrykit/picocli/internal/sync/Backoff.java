package dev.telemetrykit.picocli.internal.sync;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: 1 minute after the first failure, doubling to at most 24 hours,
 * each delay spread by ±20% so that many machines do not retry in step. A {@code Retry-After}
 * from the collector wins (up to 24 hours).
 */
public final class Backoff {
  static final long FIRST_MILLIS = 60_000L;
  static final long MAX_MILLIS = 24 * 60 * 60_000L;

  private final DoubleSupplier random;

  /** @param random values in [0, 1), injectable for tests */
  public Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /**
   * The delay before the next attempt.
   *
   * @param failures failed attempts so far, including the one just made (1 or more)
   * @param retryAfterMillis the collector's Retry-After, or -1
   */
  public long delayMillis(int failures, long retryAfterMillis) {
    if (retryAfterMillis >= 0) {
      return Math.min(retryAfterMillis, MAX_MILLIS);
    }
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long base = Math.min(FIRST_MILLIS << doublings, MAX_MILLIS);
    double jitter = 0.8 + 0.4 * random.getAsDouble();
    return Math.min((long) (base * jitter), MAX_MILLIS);
  }
}

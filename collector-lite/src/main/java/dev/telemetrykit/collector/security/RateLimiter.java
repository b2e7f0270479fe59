package dev.telemetrykit.collector.security;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: each holds up to {@code requestsPerMinute} tokens and refills at that
 * rate, so a client may send a minute's worth at once and then that many per minute.
 *
 * <p>Clients are told apart by a {@link ClientFingerprint salted hash} of their address, kept only in
 * memory. At most {@link #MAX_CLIENTS} buckets are kept; the least recently used goes first, which
 * can only ever forgive a client, never block one. Thread-safe.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.perMinute(600, System::nanoTime, new SecureRandom());
 * long wait = limiter.acquire(remoteAddress); // 0: go ahead; else seconds until the next token
 * }</pre>
 */
public final class RateLimiter {
  /** Buckets kept at most, about 40 bytes each. */
  public static final int MAX_CLIENTS = 10_000;
  private static final double NANOS_PER_MINUTE = 60e9;

  private final int capacity;
  private final LongSupplier nanoTime;
  private final ClientFingerprint fingerprint;
  // Guarded by itself. Access order: the eldest entry is the least recently used client.
  private final Map<Long, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  private RateLimiter(int capacity, LongSupplier nanoTime, SecureRandom random) {
    this.capacity = capacity;
    this.nanoTime = nanoTime;
    this.fingerprint = capacity > 0 ? new ClientFingerprint(random) : null;
  }

  /**
   * A limiter allowing each client {@code requestsPerMinute} requests per minute; 0 allows everything.
   *
   * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
   */
  public static RateLimiter perMinute(int requestsPerMinute, LongSupplier nanoTime, SecureRandom random) {
    if (requestsPerMinute < 0) {
      throw new IllegalArgumentException("requests per minute must be 0 (no limit) or more, was " + requestsPerMinute);
    }
    return new RateLimiter(requestsPerMinute, nanoTime, random);
  }

  /**
   * Takes a token for the client at {@code address}.
   *
   * @return 0 when the request may proceed, otherwise the whole seconds (at least 1) until it may
   */
  public long acquire(String address) {
    if (capacity == 0) {
      return 0;
    }
    long key = fingerprint.of(address);
    long now = nanoTime.getAsLong();
    synchronized (buckets) {
      Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
      bucket.refill(now, capacity);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      double nanosPerToken = NANOS_PER_MINUTE / capacity;
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) * nanosPerToken / 1e9));
    }
  }

  /** Buckets held now, for tests of the bound. */
  int clients() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    void refill(long now, int capacity) {
      long elapsed = now - updated;
      if (elapsed > 0) { // nanoTime never goes back, but a careless clock in a test might
        tokens = Math.min(capacity, tokens + elapsed * capacity / NANOS_PER_MINUTE);
        updated = now;
      }
    }
  }
}

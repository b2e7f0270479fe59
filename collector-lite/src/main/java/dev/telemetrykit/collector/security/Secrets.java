package dev.telemetrykit.collector.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Hashing and comparison of secrets, so that no comparison leaks how much of a guess was right. */
final class Secrets {
  private Secrets() {}

  static byte[] sha256(String secret) {
    return sha256(secret.getBytes(UTF_8));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Whether {@code presented} is the secret with digest {@code expected}. Comparing digests with
   * {@link MessageDigest#isEqual} takes the same time wherever they differ, and hashing first hides
   * the secret's length too.
   */
  static boolean matches(String presented, byte[] expected) {
    return presented != null && MessageDigest.isEqual(sha256(presented), expected);
  }
}

package dev.telemetrykit.collector.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Turns a client's address into an opaque number for the rate limiter, so that no address is ever
 * held. The salt is random per process and never leaves memory: the numbers cannot be matched to
 * addresses by anyone without it, nor across restarts.
 */
final class ClientFingerprint {
  private final byte[] salt = new byte[16];

  ClientFingerprint(SecureRandom random) {
    random.nextBytes(salt);
  }

  /** 64 bits of SHA-256(salt, address); two clients sharing a number would share a rate limit. */
  long of(String address) {
    byte[] text = address.getBytes(UTF_8);
    byte[] salted = new byte[salt.length + text.length];
    System.arraycopy(salt, 0, salted, 0, salt.length);
    System.arraycopy(text, 0, salted, salt.length, text.length);
    return ByteBuffer.wrap(Secrets.sha256(salted)).getLong();
  }
}

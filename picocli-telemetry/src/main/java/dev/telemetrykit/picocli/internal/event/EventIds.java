package dev.telemetrykit.picocli.internal.event;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes event and session ids: RFC 9562 version 7 UUIDs (48-bit Unix milliseconds, then 74
 * random bits), so ids sort by time and a queue's file names list in recording order.
 *
 * <p>Not {@code UUID.randomUUID()}: its {@code SecureRandom} costs ~50 ms to set up in a fresh JVM,
 * a third of a whole trivial CLI run. Ids only need to be unique, not secret, and 74 random bits
 * per millisecond make a collision practically impossible.
 */
public final class EventIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventIds() {}

  /** A new id for an event or session recorded at {@code epochMillis}. */
  public static String newId(long epochMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
    long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    char[] out = new char[36];
    int p = 0;
    p = hex(high >>> 32, 8, out, p);
    out[p++] = '-';
    p = hex(high >>> 16, 4, out, p);
    out[p++] = '-';
    p = hex(high, 4, out, p);
    out[p++] = '-';
    p = hex(low >>> 48, 4, out, p);
    out[p++] = '-';
    hex(low, 12, out, p);
    return new String(out);
  }

  private static int hex(long value, int digits, char[] out, int pos) {
    for (int i = digits - 1; i >= 0; i--) {
      out[pos + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return pos + digits;
  }
}

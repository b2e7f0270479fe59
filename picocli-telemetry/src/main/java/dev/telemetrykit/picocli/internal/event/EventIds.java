package dev.telemetrykit.picocli.internal.event;

/**
 * Makes event and session ids: RFC 9562 version 7 UUIDs (48-bit Unix milliseconds, then 74
 * random bits), so ids sort by time and a queue's file names list in recording order.
 *
 * <p>Not {@code UUID.randomUUID()}: its {@code SecureRandom} costs ~50 ms to set up in a fresh JVM,
 * a third of a whole trivial CLI run; not {@code ThreadLocalRandom} either, which loads four
 * classes. Ids only need to be unique, not secret: a SplitMix64 generator seeded from the clocks
 * and an identity hash gives 74 well-mixed bits per id, and a collision among events of the same
 * millisecond is practically impossible.
 */
public final class EventIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  // guarded by EventIds.class
  private static long state =
      System.nanoTime() ^ (System.currentTimeMillis() << 20) ^ ((long) System.identityHashCode(new Object()) << 32);

  private EventIds() {}

  /** A new id for an event or session recorded at {@code epochMillis}. */
  public static String newId(long epochMillis) {
    long high = (epochMillis << 16) | 0x7000L | (nextLong() & 0x0fffL);
    long low = (nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
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

  /** SplitMix64 (Steele, Lea, Flood 2014), the generator behind {@code SplittableRandom}. */
  private static synchronized long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int hex(long value, int digits, char[] out, int pos) {
    for (int i = digits - 1; i >= 0; i--) {
      out[pos + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return pos + digits;
  }
}

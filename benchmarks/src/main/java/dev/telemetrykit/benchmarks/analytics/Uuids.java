package dev.telemetrykit.benchmarks.analytics;

import java.util.SplittableRandom;

/** UUID text from a seeded generator: v7 event ids (time first, as the SDK makes them) and v4 session ids. */
final class Uuids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Uuids() {}

  static String version7(long epochMillis, SplittableRandom random) {
    long high = epochMillis << 16 | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return format(high, low);
  }

  static String random(SplittableRandom random) {
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
    return format(high, low);
  }

  private static String format(long high, long low) {
    char[] text = new char[36];
    int position = 0;
    for (int nibble = 15; nibble >= 0; nibble--) {
      position = dash(text, position);
      text[position++] = HEX[(int) (high >>> (nibble * 4)) & 0xF];
    }
    for (int nibble = 15; nibble >= 0; nibble--) {
      position = dash(text, position);
      text[position++] = HEX[(int) (low >>> (nibble * 4)) & 0xF];
    }
    return new String(text);
  }

  /** Dashes after the 8th, 12th, 16th and 20th digit. */
  private static int dash(char[] text, int position) {
    if (position == 8 || position == 13 || position == 18 || position == 23) {
      text[position++] = '-';
    }
    return position;
  }
}

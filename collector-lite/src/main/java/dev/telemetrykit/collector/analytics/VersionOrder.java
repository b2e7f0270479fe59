package dev.telemetrykit.collector.analytics;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders version names the way people read them: runs of digits compare as numbers
 * ({@code 1.10.0} after {@code 1.9.2}), other text by characters. Only breaks ties between versions
 * first seen on the same day; first appearance decides otherwise.
 */
public final class VersionOrder {
  /** The comparator. */
  public static final Comparator<String> NATURAL = VersionOrder::compare;

  private static final Pattern PART = Pattern.compile("\\d+|\\D+");

  private VersionOrder() {}

  private static int compare(String a, String b) {
    Matcher left = PART.matcher(a);
    Matcher right = PART.matcher(b);
    while (left.find()) {
      if (!right.find()) {
        return 1;
      }
      String x = left.group();
      String y = right.group();
      boolean numbers = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0));
      int order = numbers ? new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y)) : x.compareTo(y);
      if (order != 0) {
        return order;
      }
    }
    return right.find() ? -1 : 0;
  }
}

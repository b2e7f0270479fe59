package dev.telemetrykit.collector.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Java major version of a {@code java.version} text: 17 for 17.0.15, 8 for 1.8.0_392, 25 for 25-ea. */
final class JavaMajor {
  private static final Pattern LEGACY = Pattern.compile("1\\.(\\d+)(?:\\D.*)?");
  private static final Pattern MODERN = Pattern.compile("(\\d+)(?:\\D.*)?");

  private JavaMajor() {}

  /** The major version as text, or '' when the text does not start with one. */
  static String of(String javaVersion) {
    Matcher legacy = LEGACY.matcher(javaVersion);
    if (legacy.matches()) {
      return legacy.group(1);
    }
    Matcher modern = MODERN.matcher(javaVersion);
    return modern.matches() ? modern.group(1) : "";
  }
}

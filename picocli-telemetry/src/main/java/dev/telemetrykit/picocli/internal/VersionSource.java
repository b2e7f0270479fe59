package dev.telemetrykit.picocli.internal;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The tool's version, read only when needed: {@code @Command(version)} may come from the app's own
 * version provider, which an opted-out run must not call.
 */
public final class VersionSource {
  private static final int MAX_VERSION_LENGTH = 64;

  private final String declared;
  private final CommandSpec spec;
  private String version;

  /** @param spec the command whose {@code @Command(version)} is the fallback; may be null */
  VersionSource(String declared, CommandSpec spec) {
    this.declared = declared;
    this.spec = spec;
  }

  /** A source of a version the author declared, e.g. {@code 1.2.0}. */
  public static VersionSource declared(String version) {
    return new VersionSource(version, null);
  }

  /** The version as reported in telemetry, e.g. {@code 1.2.0}; {@code unknown} if none. */
  public String get() {
    if (version == null) {
      String text = declared;
      if (text.isEmpty() && spec != null) {
        try {
          String[] lines = spec.version();
          text = lines.length > 0 ? lines[0] : "";
        } catch (RuntimeException e) {
          text = "";
        }
      }
      version = versionOf(text);
    }
    return version;
  }

  /**
   * The version to report from a version text such as {@code "1.2.0"} or {@code "my-cli 1.2.0"}:
   * the first word that starts with a digit (or with 'v' and a digit, without the 'v'), else the
   * whole first line; {@code "unknown"} if empty.
   */
  public static String versionOf(String text) {
    if (text == null || text.isBlank()) {
      return "unknown";
    }
    String line = text.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    String chosen = line;
    for (String word : line.split(" ")) {
      if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
        chosen = word;
        break;
      }
      if (word.length() > 1 && (word.charAt(0) == 'v' || word.charAt(0) == 'V') && Character.isDigit(word.charAt(1))) {
        chosen = word.substring(1);
        break;
      }
    }
    return printableAscii(chosen.length() > MAX_VERSION_LENGTH ? chosen.substring(0, MAX_VERSION_LENGTH) : chosen);
  }

  private static String printableAscii(String s) {
    char[] printable = new char[s.length()];
    for (int i = 0; i < printable.length; i++) {
      char c = s.charAt(i);
      printable[i] = c >= 0x21 && c < 0x7f ? c : '_';
    }
    return new String(printable);
  }
}

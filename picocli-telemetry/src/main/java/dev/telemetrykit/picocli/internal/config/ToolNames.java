package dev.telemetrykit.picocli.internal.config;

/** Rules for the tool name and version as they appear on the wire. */
public final class ToolNames {
  static final int MAX_LENGTH = 64;

  private ToolNames() {}

  /**
   * Returns {@code name} if it is a valid service name: 1 to 64 characters of lower-case letters,
   * digits, '.', '_' or '-', starting with a letter or digit.
   *
   * @throws IllegalArgumentException saying how to name the tool
   */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !validName(name)) {
      throw new IllegalArgumentException(
          "Telemetry needs a tool name of 1-64 lower-case letters, digits, '.', '_' or '-' "
              + "(starting with a letter or digit), but the name is '" + name + "'. "
              + "Set @Command(name = \"my-cli\") or @TelemetryEnabled(name = \"my-cli\").");
    }
    return name;
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
    return printableAscii(chosen.length() > MAX_LENGTH ? chosen.substring(0, MAX_LENGTH) : chosen);
  }

  private static boolean validName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  private static String printableAscii(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x21 && c < 0x7f ? c : '_');
    }
    return sb.toString();
  }
}

package dev.telemetrykit.picocli.internal.event;

/**
 * The formats of the protocol's ids and names (docs/protocol.md), checked character by character.
 * Not with {@code java.util.regex}: compiling the patterns cost ~5 ms at a JVM's first custom
 * event, which is recorded on the app's own path.
 */
final class Names {
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_CLASS_NAME_LENGTH = 256;

  private Names() {}

  /** A canonical lowercase UUID: 8-4-4-4-12 lowercase hex digits. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isLowerHex(c)) {
        return false;
      }
    }
    return true;
  }

  /** 64 lowercase hex digits: a SHA-256. */
  static boolean isUserId(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (!isLowerHex(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** 1 to 64 characters of a-z, 0-9, '_' or '.', starting with a letter. */
  static boolean isEventType(String s) {
    if (s.isEmpty() || s.length() > MAX_NAME_LENGTH || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-', starting with a letter. */
  static boolean isMetadataKey(String s) {
    if (s.isEmpty() || s.length() > MAX_NAME_LENGTH || !isAsciiLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A key of a nested object: 1 to 64 printable ASCII characters without spaces, so that option
   * names such as {@code --target} fit.
   */
  static boolean isNestedKey(String s) {
    if (s.isEmpty() || s.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x21 || s.charAt(i) > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Java class name ({@code java.io.IOException}, {@code a.B$C}): dot-separated identifiers of
   * letters, digits, '_' and '$', none starting with a digit. So {@code error} never holds a message.
   */
  static boolean isClassName(String s) {
    if (s.length() > MAX_CLASS_NAME_LENGTH) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '.' && !segmentStart && i < s.length()) {
        segmentStart = true;
        continue;
      }
      boolean ok = Character.isLetter(cp) || cp == '_' || cp == '$' || (!segmentStart && isNumber(cp));
      if (!ok) {
        return false;
      }
      segmentStart = false;
    }
    return !segmentStart;
  }

  /** Unicode category N (Nd, Nl, No), as {@code \p{N}} matches it. */
  private static boolean isNumber(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  private static boolean isLowerHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}

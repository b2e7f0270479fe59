package dev.telemetrykit.consent.internal;

/**
 * Pretty-prints JSON that is already valid, with two-space indentation, so that {@code ?} shows
 * the user a readable payload. This module has no JSON library, and none is needed: re-indenting
 * only has to know where strings start and end (including escaped quotes) and where containers
 * open and close. It never validates; odd input comes out odd but complete.
 */
public final class JsonIndenter {

  private static final String INDENT = "  ";

  private JsonIndenter() {
  }

  /**
   * Returns {@code json} re-indented; whitespace outside strings is replaced, text inside strings
   * is copied unchanged. Empty objects and arrays stay on one line as {@code {}} and {@code []}.
   */
  public static String indent(String json) {
    StringBuilder out = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          int next = skipWhitespace(json, i + 1);
          if (next < json.length() && json.charAt(next) == closing(c)) {
            out.append(c).append(closing(c));
            i = next;
          } else {
            depth++;
            out.append(c);
            newLine(out, depth);
          }
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          newLine(out, depth);
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newLine(out, depth);
        }
        case ':' -> out.append(": ");
        case ' ', '\t', '\n', '\r' -> {
          // Insignificant whitespace: our own line breaks and indentation replace it.
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static char closing(char open) {
    return open == '{' ? '}' : ']';
  }

  private static int skipWhitespace(String json, int from) {
    int i = from;
    while (i < json.length() && " \t\n\r".indexOf(json.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static void newLine(StringBuilder out, int depth) {
    out.append('\n').append(INDENT.repeat(depth));
  }
}

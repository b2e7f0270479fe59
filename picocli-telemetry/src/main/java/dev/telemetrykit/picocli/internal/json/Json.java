package dev.telemetrykit.picocli.internal.json;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text (RFC 8259) into {@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean} and {@code null}, and writes such values as JSON, compact or
 * indented.
 *
 * <p>The SDK reads and writes its own JSON instead of using Jackson because this code runs on the
 * start-up path of every command: loading jackson-core in a fresh JVM costs ~30 ms, a fifth of a
 * whole trivial Picocli run, and reading and writing are in one class because a recorded run needs
 * both and each class it loads costs it ~0.3 ms (see docs/benchmarks.md). Nesting is limited so a
 * hostile file cannot exhaust the stack.
 */
public final class Json {
  /**
   * UTF-8, looked up by name: naming {@code StandardCharsets} initializes it, which loads eight
   * charset classes (~0.3 ms) on the start-up path of every run that reads a state file.
   */
  public static final Charset UTF_8 = Charset.forName("UTF-8");

  private static final int MAX_DEPTH = 32;

  // The document being read, and where; an instance is one parse.
  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses a complete JSON document.
   *
   * @throws IllegalArgumentException naming the position of the first error (not a JSON-specific
   *     type: every class loaded on the start-up path costs ~0.3 ms)
   */
  public static Object parse(String text) {
    Json reader = new Json(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected text after the JSON value");
    }
    return value;
  }

  /** Parses a document that must be a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** Returns {@code value} as compact JSON on one line. */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, false, value, 0);
    return sb.toString();
  }

  /** Returns {@code value} as JSON indented by two spaces, as people read it. */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder(1024);
    write(sb, true, value, 0);
    return sb.toString();
  }

  /**
   * Appends {@code s} as a quoted, escaped JSON string. Runs of characters that need no escape are
   * appended whole, and the test for an escape is made here rather than in a method called per
   * character: see {@link #string()} for why that matters.
   */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    int start = 0; // of the run of characters that need no escape
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
        sb.append(s, start, i).append(escape(c));
        start = i + 1;
      }
    }
    sb.append(s, start, s.length()).append('"');
  }

  // Writing.

  /** How {@code c}, a character that needs it, is escaped in a JSON string. */
  private static String escape(char c) {
    switch (c) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      default:
        String hex = Integer.toHexString(c);
        return "\\u0000".substring(0, 6 - hex.length()).concat(hex);
    }
  }

  private static void write(StringBuilder out, boolean pretty, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      quote(out, (String) value);
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value).booleanValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no representation for " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        out.append((long) d);
      } else {
        out.append(d);
      }
    } else if (value instanceof Number) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Map) {
      writeObject(out, pretty, (Map<?, ?>) value, depth);
    } else if (value instanceof List) {
      writeArray(out, pretty, (List<?>) value, depth);
    } else {
      throw new IllegalArgumentException("JSON cannot represent a " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, boolean pretty, Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, pretty, depth + 1);
      quote(out, String.valueOf(e.getKey()));
      out.append(pretty ? ": " : ":");
      write(out, pretty, e.getValue(), depth + 1);
    }
    if (!first) {
      newline(out, pretty, depth);
    }
    out.append('}');
  }

  private static void writeArray(StringBuilder out, boolean pretty, List<?> list, int depth) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, pretty, depth + 1);
      write(out, pretty, item, depth + 1);
    }
    if (!first) {
      newline(out, pretty, depth);
    }
    out.append(']');
  }

  private static void newline(StringBuilder out, boolean pretty, int depth) {
    if (pretty) {
      out.append('\n');
      for (int i = 0; i < depth; i++) {
        out.append("  ");
      }
    }
  }

  // Reading.

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{': return object(depth);
      case '[': return array(depth);
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a quoted member name");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  /**
   * A string. Most have no escapes and are copied whole. No method is called per character, here
   * or in {@link #quote}: such calls push the method over the JIT's compile thresholds late in a
   * short run, and the JVM's exit then waits, in steps of 10 ms, for the compilation (see
   * docs/benchmarks.md).
   */
  private String string() {
    int start = ++pos;
    StringBuilder sb = null; // only once an escape is met
    while (true) {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb == null ? text.substring(start, pos - 1) : sb.append(text, start, pos - 1).toString();
      }
      if (c == '\\') {
        sb = (sb == null ? new StringBuilder() : sb).append(text, start, pos - 1);
        char e = next();
        switch (e) {
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          case '/': sb.append('/'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'u': sb.append(unicodeEscape()); break;
          default: throw error("invalid escape '\\" + e + "'");
        }
        start = pos;
      } else if (c < 0x20) {
        throw error("control character in a string");
      }
    }
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos++), 16);
      if (digit < 0) {
        throw error("invalid \\u escape");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    boolean integral = true;
    digits();
    if (pos < text.length() && text.charAt(pos) == '.') {
      integral = false;
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      digits();
    }
    String literal = text.substring(start, pos);
    try {
      return integral ? (Object) Long.valueOf(literal) : (Object) Double.valueOf(literal);
    } catch (NumberFormatException e) {
      return Double.valueOf(literal);
    }
  }

  private void digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw error("expected a digit");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(message + " at offset " + pos);
  }
}

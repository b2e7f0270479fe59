package dev.telemetrykit.picocli.internal.json;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON text into a {@link StringBuilder}, compact or indented.
 *
 * <p>The SDK writes its own JSON instead of using Jackson because this code runs on the start-up
 * path of every recorded command: loading jackson-core in a fresh JVM costs ~30 ms, a fifth of a
 * whole trivial Picocli run (see docs/benchmarks.md). Values are the types {@link JsonReader}
 * produces: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}.
 */
public final class JsonWriter {
  private final StringBuilder out;
  private final boolean pretty;

  private JsonWriter(StringBuilder out, boolean pretty) {
    this.out = out;
    this.pretty = pretty;
  }

  /** Returns {@code value} as compact JSON on one line. */
  public static String compact(Object value) {
    StringBuilder sb = new StringBuilder(256);
    new JsonWriter(sb, false).value(value, 0);
    return sb.toString();
  }

  /** Returns {@code value} as JSON indented by two spaces, as people read it. */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder(1024);
    new JsonWriter(sb, true).value(value, 0);
    return sb.toString();
  }

  /**
   * Appends {@code s} as a quoted, escaped JSON string. Runs of characters that need no escape are
   * appended whole, not a character at a time: see {@link JsonReader} for why that matters.
   */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    int start = 0; // of the run of characters that need no escape
    for (int i = 0; i < s.length(); i++) {
      String escape = escape(s.charAt(i));
      if (escape != null) {
        sb.append(s, start, i).append(escape);
        start = i + 1;
      }
    }
    sb.append(s, start, s.length()).append('"');
  }

  /** How {@code c} is written in a JSON string, or null when it is written as it is. */
  private static String escape(char c) {
    switch (c) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\r': return "\\r";
      case '\t': return "\\t";
      default:
        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
          String hex = Integer.toHexString(c);
          return "\\u0000".substring(0, 6 - hex.length()).concat(hex);
        }
        return null;
    }
  }

  private void value(Object value, int depth) {
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
      object((Map<?, ?>) value, depth);
    } else if (value instanceof List) {
      array((List<?>) value, depth);
    } else {
      throw new IllegalArgumentException("JSON cannot represent a " + value.getClass().getName());
    }
  }

  private void object(Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(depth + 1);
      quote(out, String.valueOf(e.getKey()));
      out.append(pretty ? ": " : ":");
      value(e.getValue(), depth + 1);
    }
    if (!first) {
      newline(depth);
    }
    out.append('}');
  }

  private void array(List<?> list, int depth) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(depth + 1);
      value(item, depth + 1);
    }
    if (!first) {
      newline(depth);
    }
    out.append(']');
  }

  private void newline(int depth) {
    if (pretty) {
      out.append('\n');
      for (int i = 0; i < depth; i++) {
        out.append("  ");
      }
    }
  }
}

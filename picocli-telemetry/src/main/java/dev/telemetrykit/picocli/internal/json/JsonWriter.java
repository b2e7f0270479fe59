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

  /** Appends {@code s} as a quoted, escaped JSON string. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append("\\u");
            String hex = Integer.toHexString(c);
            for (int pad = hex.length(); pad < 4; pad++) {
              sb.append('0');
            }
            sb.append(hex);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
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

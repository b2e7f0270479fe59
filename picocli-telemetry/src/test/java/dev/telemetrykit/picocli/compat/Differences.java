package dev.telemetrykit.picocli.compat;

import dev.telemetrykit.picocli.compat.Harness.Outcome;
import java.util.Objects;

/** Says how an instrumented run differs from the plain one, in words a failing test can show. */
final class Differences {
  private Differences() {}

  /** The differences, or "" when the runs agree and the events are as expected. */
  static String describe(Outcome plain, Outcome instrumented, int expectedEvents) {
    StringBuilder sb = new StringBuilder();
    if (!Objects.equals(plain.exitCode(), instrumented.exitCode())) {
      sb.append("  exit code: expected ").append(exit(plain)).append(", actual ").append(exit(instrumented)).append('\n');
    }
    text(sb, "stdout", plain.out(), instrumented.out());
    text(sb, "stderr", plain.err(), instrumented.err());
    text(sb, "escaped execute()", plain.thrown(), instrumented.thrown());
    text(sb, "telemetry's own stderr", "", instrumented.diagnostics());
    if (instrumented.events() != expectedEvents) {
      sb.append("  command_executed events: expected ").append(expectedEvents)
          .append(", actual ").append(instrumented.events()).append('\n');
    }
    return sb.toString();
  }

  private static String exit(Outcome o) {
    return o.exitCode() == null ? "none (execute threw)" : String.valueOf(o.exitCode());
  }

  private static void text(StringBuilder sb, String what, String expected, String actual) {
    if (expected.equals(actual)) {
      return;
    }
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    int line = 0;
    while (line < e.length && line < a.length && e[line].equals(a[line])) {
      line++;
    }
    sb.append("  ").append(what).append(" differs from line ").append(line + 1).append(":\n")
        .append("    expected: ").append(quote(line < e.length ? e[line] : "<end>")).append('\n')
        .append("    actual:   ").append(quote(line < a.length ? a[line] : "<end>")).append('\n')
        .append("    --- expected ---\n").append(indent(expected))
        .append("    --- actual ---\n").append(indent(actual));
  }

  private static String quote(String line) {
    return "\"" + line.replace("\r", "\\r").replace("\t", "\\t").replace("\u001b", "\\e") + "\"";
  }

  /** At most this many lines of each text are shown (stack traces run to a hundred). */
  private static final int MAX_LINES = 30;

  private static String indent(String text) {
    if (text.isEmpty()) {
      return "    |<empty>\n";
    }
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length && i < MAX_LINES; i++) {
      sb.append("    |").append(lines[i]).append('\n');
    }
    if (lines.length > MAX_LINES) {
      sb.append("    ... ").append(lines.length - MAX_LINES).append(" more lines\n");
    }
    return sb.toString();
  }
}

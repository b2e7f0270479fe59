package dev.telemetrykit.picocli.compat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The byte streams of one run, for apps that give Picocli streams of their own. */
final class Streams {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  String outText() {
    out.flush();
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String errText() {
    err.flush();
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}

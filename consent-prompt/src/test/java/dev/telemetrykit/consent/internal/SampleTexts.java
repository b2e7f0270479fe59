package dev.telemetrykit.consent.internal;

import java.util.List;

/** The sample-cli texts from the design, shared by the layout and the terminal tests. */
public final class SampleTexts {

  public static final String TOOL = "sample-cli";
  public static final List<String> COLLECTED = List.of(
      "which command ran and which option names were used",
      "how long it took and whether it succeeded",
      "tool version, OS, CPU architecture, Java version");
  public static final List<String> NEVER_COLLECTED = List.of(
      "argument or option values",
      "file names and paths",
      "user and host names, IP addresses",
      "error messages and stack traces");
  public static final String LEARN_MORE_URL = "https://example.com/telemetry";
  public static final String MANAGE_COMMAND = "sample-cli telemetry disable";

  /** A compact payload with an escaped quote and structural characters inside a string. */
  public static final String PAYLOAD =
      "{\"events\":[{\"command\":\"build\",\"options\":[\"--fast\"],\"note\":\"say \\\"hi\\\" {,}\"}],\"batch\":1}";

  private SampleTexts() {
  }

  /** The box content as the public builder would produce it. */
  public static BoxContent content() {
    return new BoxContent(TOOL, COLLECTED, NEVER_COLLECTED, LEARN_MORE_URL, MANAGE_COMMAND);
  }
}

package dev.telemetrykit.picocli.internal.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The one description of what an event holds: the metadata keys the SDK writes, and the words
 * the consent box and the docs use for them. Keys are compile-time constants, so the code that
 * writes events uses them without loading this class on the start-up path.
 */
public final class EventSchema {
  public static final String COMMAND = "command";
  public static final String OPTIONS = "options";
  public static final String OPTION_VALUES = "option_values";
  public static final String DURATION_MS = "duration_ms";
  public static final String SUCCESS = "success";
  public static final String EXIT_CODE = "exit_code";
  public static final String ERROR = "error";
  public static final String VERSION = "version";
  public static final String OS = "os";
  public static final String ARCH = "arch";
  public static final String JAVA_VERSION = "java_version";
  public static final String CI = "ci";
  public static final String INTERACTIVE = "interactive";

  /**
   * What is collected, in the user's words, with the keys each line covers. The line for
   * {@link #OPTION_VALUES} is a template: {@link #collectedLines} names the options of the app at
   * hand, or leaves the line out when the app keeps no option's value.
   */
  public static final List<Described> COLLECTED =
      List.of(
          new Described("which command ran and the names of the options you used", COMMAND, OPTIONS),
          new Described("the values you give for %s", OPTION_VALUES),
          new Described("how long it took, whether it worked, the exit code and error type", DURATION_MS, SUCCESS,
              EXIT_CODE, ERROR),
          new Described("tool version, operating system, CPU type and Java version", VERSION, OS, ARCH, JAVA_VERSION),
          new Described("whether it ran in CI or an interactive terminal", CI, INTERACTIVE),
          new Described("a random id for this tool on this machine, and one per run"),
          // CommandInventory: the app's own names, the same for every user of a version.
          new Described("once per tool version, the names of the tool's commands and options"),
          // Telemetry.trackFeature, trackMethod and track: their properties are the author's choice.
          new Described("features and library methods used, and custom events, if the tool records them,"
              + " with the details its authors chose"));

  /** Said under the data that "show me the data" prints, which holds only the command's event. */
  public static final String PREVIEW_NOTE =
      "While the command runs, the tool may add events of its own: features and library methods used,"
          + " and custom events, with their details.";

  private EventSchema() {}

  /**
   * The lines of {@link #COLLECTED}, as the consent box shows them.
   *
   * @param recordedValueOptions the options whose values the app records, by longest name, in
   *     the order to show them; empty when it records none
   */
  public static List<String> collectedLines(List<String> recordedValueOptions) {
    List<String> lines = new ArrayList<>(COLLECTED.size());
    for (Described line : COLLECTED) {
      if (!List.of(line.keys()).contains(OPTION_VALUES)) {
        lines.add(line.text());
      } else if (!recordedValueOptions.isEmpty()) {
        lines.add(String.format(line.text(), String.join(", ", recordedValueOptions)));
      }
    }
    return lines;
  }

  /**
   * What is never collected, as the consent box shows it. It claims option values are never
   * collected only when the app keeps none.
   *
   * @param recordedValueOptions as for {@link #collectedLines}
   */
  public static List<String> neverCollected(List<String> recordedValueOptions) {
    return List.of(
        recordedValueOptions.isEmpty()
            ? "argument values or option values"
            : "argument values, or the values of any other option",
        "file names, paths or environment variables",
        "user names, host names or IP addresses",
        "error messages or stack traces");
  }

  /**
   * One line of "what is collected".
   *
   * @param text the line, in the user's words
   * @param keys the metadata keys it covers (none for the ids, which are not metadata)
   */
  public record Described(String text, String... keys) {}
}

package dev.telemetrykit.picocli.internal.event;

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

  /** What is collected, in the user's words, with the keys each line covers. */
  public static final List<Described> COLLECTED =
      List.of(
          new Described("which command ran and the names of the options you used", COMMAND, OPTIONS),
          new Described("values only of options with a fixed set of choices (like --target prod)", OPTION_VALUES),
          new Described("how long it took, whether it worked, the exit code and error type", DURATION_MS, SUCCESS,
              EXIT_CODE, ERROR),
          new Described("tool version, operating system, CPU type and Java version", VERSION, OS, ARCH, JAVA_VERSION),
          new Described("whether it ran in CI or an interactive terminal", CI, INTERACTIVE),
          new Described("a random id for this tool on this machine, and one per run"));

  /** What is never collected. */
  public static final List<String> NEVER_COLLECTED =
      List.of(
          "argument values, or the values you typed for options",
          "file names, paths or environment variables",
          "user names, host names or IP addresses",
          "error messages or stack traces");

  private EventSchema() {}

  /** The lines of {@link #COLLECTED}, as the consent box shows them. */
  public static List<String> collectedLines() {
    return COLLECTED.stream().map(Described::text).toList();
  }

  /**
   * One line of "what is collected".
   *
   * @param text the line, in the user's words
   * @param keys the metadata keys it covers (none for the ids, which are not metadata)
   */
  public record Described(String text, String... keys) {}
}

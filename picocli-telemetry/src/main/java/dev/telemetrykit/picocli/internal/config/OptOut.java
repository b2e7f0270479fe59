package dev.telemetrykit.picocli.internal.config;

import java.util.Map;

/**
 * The environment variables that switch telemetry off, strongest first: {@code DO_NOT_TRACK},
 * {@code TELEMETRY_KIT_DISABLED}, then the tool's own {@code <TOOL>_TELEMETRY_DISABLED}.
 *
 * <p>Checked before anything else is loaded or read, so an opted-out run costs next to nothing.
 */
public final class OptOut {
  private OptOut() {}

  /** The variable that switches {@code tool}'s telemetry off, as {@code NAME=value}, or null. */
  public static String reason(Map<String, String> env, String tool) {
    String reason = everyToolReason(env);
    return reason != null ? reason : toolReason(env, tool);
  }

  /**
   * The variable that switches every tool's telemetry off ({@code DO_NOT_TRACK}, {@code
   * TELEMETRY_KIT_DISABLED}), as {@code NAME=value}, or null: checked before the tool is known.
   */
  public static String everyToolReason(Map<String, String> env) {
    String reason = reasonOf(env, "DO_NOT_TRACK");
    return reason != null ? reason : reasonOf(env, "TELEMETRY_KIT_DISABLED");
  }

  /**
   * The tool's own {@code <TOOL>_TELEMETRY_DISABLED}, as {@code NAME=value}, or null: for a caller
   * that has already checked {@link #everyToolReason}.
   */
  public static String toolReason(Map<String, String> env, String tool) {
    return reasonOf(env, toolVariable(tool));
  }

  private static String reasonOf(Map<String, String> env, String name) {
    String value = env.get(name);
    return isSet(value) ? name + "=" + value : null;
  }

  /** {@code <TOOL>_TELEMETRY_DISABLED}: the tool name upper-cased, other characters as '_'. */
  public static String toolVariable(String toolName) {
    char[] name = new char[toolName.length()];
    for (int i = 0; i < name.length; i++) {
      char c = toolName.charAt(i);
      name[i] = (c >= 'a' && c <= 'z') ? (char) (c - 32) : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
    }
    return new String(name).concat("_TELEMETRY_DISABLED");
  }

  /**
   * True when a flag variable is set to anything but empty, {@code 0}, {@code false}, {@code no}
   * or {@code off} (any case): the rule of the DO_NOT_TRACK convention, applied to all our flags.
   */
  public static boolean isSet(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim();
    return !(v.isEmpty()
        || v.equals("0")
        || v.equalsIgnoreCase("false")
        || v.equalsIgnoreCase("no")
        || v.equalsIgnoreCase("off"));
  }
}

package dev.telemetrykit.picocli.internal.run;

import dev.telemetrykit.picocli.TelemetrySafe;
import dev.telemetrykit.picocli.internal.event.EventSchema;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns a Picocli parse result into the fields of a {@code command_executed} event: the command
 * path and option names, and option values only where the author marked them safe or the option
 * is an enum. Argument values, unmarked option values and exception messages never get here.
 */
final class CommandEvents {
  static final int MAX_VALUE_LENGTH = 100;

  private CommandEvents() {}

  /** The fields of a run that reached execution. */
  static Map<String, Object> fields(
      ParseResult root, int exitCode, Class<?> error, long durationMillis) {
    ParseResult leaf = root;
    List<String> options = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    collectOptions(leaf, options, values);
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      collectOptions(leaf, options, values);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(EventSchema.COMMAND, commandPath(leaf.commandSpec()));
    fields.put(EventSchema.OPTIONS, options);
    if (!values.isEmpty()) {
      fields.put(EventSchema.OPTION_VALUES, values);
    }
    outcome(fields, durationMillis, exitCode, error);
    return fields;
  }

  /** The fields of a run that failed to parse: where it failed and how, never the input. */
  static Map<String, Object> parseErrorFields(CommandLine failedAt, int exitCode, Class<?> error) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(EventSchema.COMMAND, commandPath(failedAt.getCommandSpec()));
    fields.put(EventSchema.OPTIONS, List.of());
    outcome(fields, 0, exitCode, error);
    return fields;
  }

  /**
   * The subcommand path without the tool's own name, e.g. {@code remote add}; a run of the
   * top-level command alone is recorded under the tool's name.
   */
  static String commandPath(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
      names.add(0, s.name());
    }
    return names.isEmpty() ? spec.name() : String.join(" ", names);
  }

  private static void outcome(Map<String, Object> fields, long durationMillis, int exitCode, Class<?> error) {
    fields.put(EventSchema.DURATION_MS, Math.max(0, durationMillis));
    fields.put(EventSchema.SUCCESS, error == null && exitCode == 0);
    fields.put(EventSchema.EXIT_CODE, exitCode);
    if (error != null) {
      fields.put(EventSchema.ERROR, error.getName());
    }
  }

  private static void collectOptions(ParseResult level, List<String> names, Map<String, Object> values) {
    for (OptionSpec option : level.matchedOptions()) {
      String name = option.longestName();
      if (!names.contains(name)) {
        names.add(name);
      }
      if (!option.usageHelp() && !option.versionHelp() && valueIsRecordable(option)) {
        Object value = valueOf(option);
        if (value != null) {
          values.put(name, value);
        }
      }
    }
  }

  private static boolean valueIsRecordable(OptionSpec option) {
    if (option.arity().max() == 0) {
      return false; // a flag: its name already says everything
    }
    Object member = option.userObject();
    if (member instanceof AnnotatedElement
        && ((AnnotatedElement) member).isAnnotationPresent(TelemetrySafe.class)) {
      return true;
    }
    if (option.type().isEnum()) {
      return true;
    }
    // A list or array of enums; a map is never recorded, since its keys are free text.
    Class<?>[] items = option.auxiliaryTypes();
    if (Map.class.isAssignableFrom(option.type()) || items == null || items.length == 0) {
      return false;
    }
    for (Class<?> t : items) {
      if (t == null || !t.isEnum()) {
        return false;
      }
    }
    return true;
  }

  private static Object valueOf(OptionSpec option) {
    Object value = option.getValue();
    if (value instanceof Map) {
      return null;
    }
    if (value instanceof Collection) {
      List<String> out = new ArrayList<>();
      for (Object item : (Collection<?>) value) {
        out.add(text(item));
      }
      return out;
    }
    if (value instanceof Object[]) {
      List<String> out = new ArrayList<>();
      for (Object item : (Object[]) value) {
        out.add(text(item));
      }
      return out;
    }
    return value == null ? null : text(value);
  }

  private static String text(Object value) {
    String s = value instanceof Enum ? ((Enum<?>) value).name() : String.valueOf(value);
    return s.length() > MAX_VALUE_LENGTH ? s.substring(0, MAX_VALUE_LENGTH) : s;
  }
}

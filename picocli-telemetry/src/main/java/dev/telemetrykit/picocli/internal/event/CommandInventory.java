package dev.telemetrykit.picocli.internal.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The app's command tree as {@code inventory} events (docs/protocol.md): one per command, with the
 * option names a run of it can carry, so that the collector can list the commands and options no
 * one ran. Names only, as the app declares them: never descriptions, defaults or values. Sent once
 * per tool version from a machine; loaded only then.
 */
public final class CommandInventory {
  /** The event type. */
  public static final String EVENT_TYPE = "inventory";
  /** The protocol's cap on an array's items: a command with more options is told in several events. */
  private static final int MAX_OPTIONS = 64;

  private CommandInventory() {}

  /**
   * The events of {@code root}'s tree, root first, then each subcommand depth first.
   *
   * @param commandPath how runs name a command: the same names here, so that the collector can match them
   * @param excluded a command left out (the {@code telemetry} management command), or null
   */
  public static List<Map<String, Object>> events(CommandSpec root, CommandNames commandPath, CommandSpec excluded) {
    List<Map<String, Object>> events = new ArrayList<>();
    Set<CommandSpec> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // aliases name a command twice
    add(root, commandPath, excluded, seen, events);
    return events;
  }

  /** How runs name a command (its path below the root, or the root's own name). */
  @FunctionalInterface
  public interface CommandNames {
    String of(CommandSpec spec);
  }

  private static void add(CommandSpec spec, CommandNames commandPath, CommandSpec excluded, Set<CommandSpec> seen,
      List<Map<String, Object>> events) {
    if (spec == excluded || !seen.add(spec)) {
      return;
    }
    List<String> options = new ArrayList<>(options(spec));
    String command = commandPath.of(spec);
    int from = 0;
    do {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put(EventSchema.COMMAND, command);
      fields.put(EventSchema.OPTIONS, new ArrayList<>(options.subList(from, Math.min(options.size(), from + MAX_OPTIONS))));
      events.add(fields);
      from += MAX_OPTIONS;
    } while (from < options.size());
    for (CommandLine sub : spec.subcommands().values()) {
      add(sub.getCommandSpec(), commandPath, excluded, seen, events);
    }
  }

  /**
   * The options a run of {@code spec} can carry, by longest name as runs record them: its own and
   * those of the commands above it, since a run records the options given at every level.
   */
  private static Set<String> options(CommandSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    List<CommandSpec> path = new ArrayList<>();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      path.add(0, s);
    }
    for (CommandSpec level : path) {
      for (OptionSpec option : level.options()) {
        names.add(option.longestName());
      }
    }
    return names;
  }
}

package dev.telemetrykit.picocli.compat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One row of the compatibility table: a small Picocli app and the argument vectors it is run with.
 *
 * @param name what the report calls the app
 * @param tool the tool name telemetry derives for it (the {@code @Command} name), where its data goes
 * @param factory a fresh command line per run; given the streams of the run, for apps that send
 *     output to streams of their own ({@code RunLast.useOut})
 * @param settings the class carrying {@code @TelemetryEnabled}, or null for the top-level command's
 * @param ownStreams whether the app writes to the run's {@link Streams} (they are then compared too)
 * @param vectors the argument vectors
 */
record App(
    String name,
    String tool,
    Function<Streams, CommandLine> factory,
    Class<?> settings,
    boolean ownStreams,
    List<List<String>> vectors) {

  /** An app whose output goes where {@code cl.setOut/setErr} say. */
  static App of(String name, Supplier<CommandLine> factory, List<List<String>> vectors) {
    return new App(name, toolOf(factory.get()), s -> factory.get(), null, false, vectors);
  }

  /** An app built programmatically, whose annotation is on {@code settings}. */
  static App programmatic(String name, Supplier<CommandLine> factory, Class<?> settings, List<List<String>> vectors) {
    return new App(name, toolOf(factory.get()), s -> factory.get(), settings, false, vectors);
  }

  /** An app that hands the run's streams to Picocli itself (e.g. {@code new RunLast().useOut(out)}). */
  static App withStreams(String name, Function<Streams, CommandLine> factory, List<List<String>> vectors) {
    return new App(name, toolOf(factory.apply(new Streams())), factory, null, true, vectors);
  }

  private static String toolOf(CommandLine cl) {
    return cl.getCommandSpec().name();
  }

  /** One argument vector. */
  static List<String> v(String... args) {
    return List.of(args);
  }

  /**
   * The vectors every app gets (normal run, usage help, an unknown option) followed by its own.
   * Apps without {@code --help} list their vectors with {@link #only}.
   */
  @SafeVarargs
  static List<List<String>> vectors(List<String>... own) {
    List<List<String>> all = new ArrayList<>();
    all.add(v("--help"));
    all.add(v("--bogus-option"));
    for (List<String> v : own) {
      if (!all.contains(v)) {
        all.add(v);
      }
    }
    return List.copyOf(all);
  }

  @SafeVarargs
  static List<List<String>> only(List<String>... own) {
    return List.copyOf(Arrays.asList(own));
  }
}

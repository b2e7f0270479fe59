package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.RunAll;
import picocli.CommandLine.RunFirst;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Execution strategies: RunFirst, RunLast, RunAll, a custom one, and the built-in ones given
 * streams of their own with {@code useOut/useErr/useAnsi}, which Picocli applies only when the
 * strategy set is its own handler.
 */
final class StrategyApps {
  private StrategyApps() {}

  private static final List<List<String>> TREE_VECTORS = vectors(
      v(), v("--version"), v("sub"), v("sub", "leaf"), v("sub", "leaf", "--n", "3"), v("sub", "leaf", "--n"),
      v("sub", "--bogus"), v("sub", "leaf", "--help"), v("sub", "leaf", "--fail"), v("sub", "telemetry"));

  static List<App> apps() {
    return List.of(
        App.of("RunLast (default)", () -> new CommandLine(new Tree()), TREE_VECTORS),
        App.of("RunFirst", () -> new CommandLine(new Tree()).setExecutionStrategy(new RunFirst()), TREE_VECTORS),
        App.of("RunAll", () -> new CommandLine(new Tree()).setExecutionStrategy(new RunAll()), TREE_VECTORS),
        App.of("custom strategy around RunLast", () -> {
          CommandLine cl = new CommandLine(new Tree());
          IExecutionStrategy original = new RunLast();
          return cl.setExecutionStrategy(pr -> {
            pr.commandSpec().commandLine().getOut().println("[audit] " + pr.expandedArgs().size() + " args");
            int code = original.execute(pr);
            pr.commandSpec().commandLine().getOut().println("[audit] exit " + code);
            return code;
          });
        }, TREE_VECTORS),
        App.withStreams("RunLast.useOut/useErr/useAnsi(OFF)", s -> new CommandLine(new Tree())
            .setExecutionStrategy(new RunLast().useOut(s.out).useErr(s.err).useAnsi(Ansi.OFF)), TREE_VECTORS),
        App.withStreams("RunFirst.useOut/useErr", s -> new CommandLine(new Tree())
            .setExecutionStrategy(new RunFirst().useOut(s.out).useErr(s.err)), vectors(v(), v("sub", "leaf"))),
        App.withStreams("RunAll.useOut, failing command", s -> new CommandLine(new Tree())
            .setExecutionStrategy(new RunAll().useOut(s.out).useErr(s.err).useAnsi(Ansi.OFF)),
            vectors(v("sub", "leaf", "--fail"), v("sub", "leaf", "--n", "2"))));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "tree", mixinStandardHelpOptions = true, version = "tree 1.0", subcommands = Sub.class)
  static final class Tree implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("tree ran");
    }
  }

  @Command(name = "sub", subcommands = Leaf.class)
  static final class Sub implements Callable<Integer> {
    @Parameters(arity = "0..*") List<String> words;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("sub ran " + words);
      return 3;
    }
  }

  @Command(name = "leaf", mixinStandardHelpOptions = true, exitCodeOnSuccess = 4)
  static final class Leaf implements Runnable {
    @Option(names = "--n", defaultValue = "1") int n;
    @Option(names = "--fail") boolean fail;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      if (fail) {
        throw new IllegalStateException("leaf failed");
      }
      spec.commandLine().getOut().println("leaf ran n=" + n);
      spec.commandLine().getErr().println("leaf warning");
    }
  }
}

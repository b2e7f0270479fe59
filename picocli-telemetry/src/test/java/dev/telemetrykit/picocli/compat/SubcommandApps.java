package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Subcommands: nested, repeatable, {@code @Command} methods, commands that only hold options. */
final class SubcommandApps {
  private SubcommandApps() {}

  static List<App> apps() {
    return List.of(
        App.of("nested subcommands", () -> new CommandLine(new Vcs()), vectors(
            v(), v("--version"), v("-V"), v("status", "--short"), v("remote", "add", "origin", "https://example.com/r.git"),
            v("remote", "add", "origin"), v("remote"), v("remote", "remove", "origin"), v("status", "--bogus"),
            v("help"), v("help", "remote"), v("remote", "add", "--help"), v("nosuch"), v("remote", "telemetry"))),
        App.of("repeatable subcommands", () -> new CommandLine(new Batch()), vectors(
            v("add", "1", "add", "2", "print"), v("add", "1", "mul", "3", "print", "add", "4", "print"),
            v("add"), v("add", "x"), v("print", "print"), v("add", "--help"), v(), v("add", "1", "telemetry"))),
        App.of("@Command methods as subcommands", () -> new CommandLine(new Calc()), vectors(
            v("add", "2", "3"), v("add", "2"), v("add", "2", "x"), v("div", "1", "0"), v("div", "6", "3"),
            v("add", "--help"), v("nosuch"), v(), v("--version"))),
        App.of("top-level @Command method", () -> new CommandLine(
            CommandLine.getCommandMethods(MethodTop.class, "hello").get(0)), vectors(
            v("world"), v(), v("--times", "2", "world"), v("--times", "x", "world"), v("--version"))),
        App.of("options only, no subcommands", () -> new CommandLine(new OptionsOnly()), vectors(
            v(), v("-v"), v("--count", "3"), v("--count", "x"), v("--version"), v("telemetry"))),
        App.of("options only, with subcommand", () -> new CommandLine(new OptionsOnlyParent()), vectors(
            v(), v("show"), v("show", "--all"), v("-v", "show"), v("show", "--bogus"), v("--version"))),
        App.of("inherited options (ScopeType.INHERIT)", () -> new CommandLine(new Inherit()), vectors(
            v("sub", "--verbose"), v("--verbose", "sub", "leaf"), v("sub", "leaf", "--verbose", "--depth", "2"),
            v("sub", "leaf", "--depth"), v("sub", "leaf", "--help"), v())));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "vcs", mixinStandardHelpOptions = true, version = "vcs 1.0",
      description = "A version control system.", subcommands = {Status.class, Remote.class, HelpCommand.class})
  static final class Vcs implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("vcs: pick a command");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the working tree status.")
  static final class Status implements Callable<Integer> {
    @Option(names = {"-s", "--short"}, description = "Short format.") boolean shortFormat;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(shortFormat ? "M a.txt" : "modified: a.txt");
      return 0;
    }
  }

  @Command(name = "remote", mixinStandardHelpOptions = true, description = "Manage remotes.",
      subcommands = {RemoteAdd.class, RemoteRemove.class})
  static final class Remote implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("origin");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a remote.")
  static final class RemoteAdd implements Callable<Integer> {
    @Parameters(index = "0", description = "Name.") String name;
    @Parameters(index = "1", description = "URL.") String url;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("added " + name + " -> " + url);
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a remote.")
  static final class RemoteRemove implements Runnable {
    @Parameters String name;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getErr().println("no such remote: " + name);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "batch", subcommandsRepeatable = true, mixinStandardHelpOptions = true,
      subcommands = {Add.class, Mul.class, Print.class})
  static final class Batch implements Runnable {
    int total;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("batch total=" + total);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true)
  static final class Add implements Runnable {
    @ParentCommand Batch batch;
    @Parameters int n;

    @Override
    public void run() {
      batch.total += n;
    }
  }

  @Command(name = "mul")
  static final class Mul implements Runnable {
    @ParentCommand Batch batch;
    @Parameters int n;

    @Override
    public void run() {
      batch.total *= n;
    }
  }

  @Command(name = "print")
  static final class Print implements Callable<Integer> {
    @ParentCommand Batch batch;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("total=" + batch.total);
      return batch.total % 256;
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "calc", mixinStandardHelpOptions = true, version = "calc 2")
  static final class Calc {
    @Spec CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds; the exit code is the sum.")
    int add(@Parameters(paramLabel = "A") int a, @Parameters(paramLabel = "B") int b) {
      spec.commandLine().getOut().println(a + b);
      return a + b;
    }

    @Command(name = "div")
    void div(@Parameters(paramLabel = "A") int a, @Parameters(paramLabel = "B") int b) {
      spec.commandLine().getOut().println(a / b);
    }

    @Override
    public String toString() {
      return "Calc";
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  static final class MethodTop {
    @Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 3")
    static int hello(@Option(names = "--times", defaultValue = "1") int times, @Parameters(paramLabel = "WHO") String who) {
      return times * who.length(); // the exit code says what ran: a method command has no streams of its own
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "opts", mixinStandardHelpOptions = true, version = "opts 1")
  static final class OptionsOnly {
    @Option(names = "-v") boolean verbose;
    @Option(names = "--count") int count;

    @Override
    public String toString() {
      return "OptionsOnly";
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "cfg", mixinStandardHelpOptions = true, version = "cfg 1", subcommands = Show.class)
  static final class OptionsOnlyParent {
    @Option(names = "-v") boolean verbose;

    @Override
    public String toString() {
      return "OptionsOnlyParent";
    }
  }

  @Command(name = "show")
  static final class Show implements Runnable {
    @Option(names = "--all") boolean all;
    @ParentCommand OptionsOnlyParent parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("show all=" + all + " verbose=" + parent.verbose);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "inherit", mixinStandardHelpOptions = true, subcommands = InheritSub.class)
  static final class Inherit implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT) boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("top verbose=" + verbose);
    }
  }

  @Command(name = "sub", subcommands = InheritLeaf.class)
  static final class InheritSub implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("sub verbose=" + spec.findOption("--verbose").getValue());
    }
  }

  @Command(name = "leaf")
  static final class InheritLeaf implements Runnable {
    @Option(names = "--depth", required = true) int depth;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("leaf depth=" + depth);
    }
  }
}

package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Apps in which the word {@code telemetry} is the user's: a positional, an option value, a command. */
final class WordApps {
  private WordApps() {}

  static List<App> apps() {
    return List.of(
        App.of("positional accepting 'telemetry'", () -> new CommandLine(new Search()), vectors(
            v("telemetry"), v("hello", "telemetry"), v("telemetry", "status"), v("telemetry", "enable"),
            v("telemetry", "--help"), v(), v("words"), v("--version"))),
        App.of("option value 'telemetry'", () -> new CommandLine(new Tagger()), vectors(
            v("--name", "telemetry"), v("--name=telemetry"), v("-n", "telemetry"), v("-ntelemetry"), v("--name"),
            v("--name", "other"), v("--name", "telemetry", "--name", "x"), v())),
        App.of("own 'telemetry' subcommand", () -> new CommandLine(new Metrics()), vectors(
            v("telemetry"), v("telemetry", "status"), v("telemetry", "enable"), v("telemetry", "--help"),
            v("telemetry", "--bogus"), v(), v("--version"), v("help"))));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "search", mixinStandardHelpOptions = true, version = "search 1")
  static final class Search implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "TERM") List<String> terms;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("searching for " + terms);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "tagger", mixinStandardHelpOptions = true)
  static final class Tagger implements Runnable {
    @Option(names = {"-n", "--name"}, required = true) String name;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("tag " + name);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "metrics", mixinStandardHelpOptions = true, version = "metrics 2",
      subcommands = {OwnTelemetry.class, CommandLine.HelpCommand.class})
  static final class Metrics implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("metrics ran");
    }
  }

  @Command(name = "telemetry", mixinStandardHelpOptions = true, description = "The app's own telemetry: its sensors.")
  static final class OwnTelemetry implements Runnable {
    @Parameters(arity = "0..1", paramLabel = "SENSOR") String sensor;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("sensor readings for " + (sensor == null ? "all sensors" : sensor));
    }
  }
}

package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.PropertiesDefaultProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parser settings: abbreviations, case-insensitivity, {@code @argument files}, end of options,
 * default providers, unmatched arguments and stopping at positionals or unmatched arguments.
 */
final class ParsingApps {
  private ParsingApps() {}

  static List<App> apps() {
    String greet = Fixtures.argFile("greet.args", "status", "--verbose-output");
    String words = Fixtures.argFile("words.args", "# a comment", "telemetry", "'two words'");
    String bad = Fixtures.argFile("bad.args", "status", "--no-such-option");
    String missing = Fixtures.missingArgFile("missing.args");
    return List.of(
        App.of("abbreviated subcommands and options", ParsingApps::abbreviated, vectors(
            v("stat"), v("s-s"), v("st"), v("stat", "--verb"), v("start-server", "--verbose-output"), v("sta"),
            v("--verb"), v("tele"), v("t"), v("stat", "--v"))),
        App.of("own 'test' subcommand, abbreviated", () -> new CommandLine(new Tester())
            .setAbbreviatedSubcommandsAllowed(true).setAbbreviatedOptionsAllowed(true), vectors(
            v("te"), v("t"), v("test"), v("tes", "--fa"), v("te", "--help"), v("b"), v("tel"), v("tele"), v("telemetry"))),
        App.of("case-insensitive subcommands and options", () -> new CommandLine(new Root())
            .setSubcommandsCaseInsensitive(true).setOptionsCaseInsensitive(true), vectors(
            v("STATUS"), v("Status", "--VERBOSE-OUTPUT"), v("status"), v("TELEMETRY"), v("Telemetry", "status"),
            v("--HELP"), v("--Version"), v("nosuch"))),
        App.of("@argument files", () -> new CommandLine(new Root()), vectors(
            v(greet), v(words), v(bad), v(missing), v("status", greet), v("echo", words), v("--version"))),
        App.of("end of options --", () -> new CommandLine(new Root()), vectors(
            v("echo", "--", "--help"), v("echo", "--", "telemetry"), v("echo", "-x", "--", "-y"), v("--", "status"),
            v("echo", "--"), v("--"))),
        App.of("IDefaultValueProvider", () -> new CommandLine(new Defaults())
            .setDefaultValueProvider(new RegionDefaults()), vectors(
            v(), v("--region", "us"), v("--retries", "x"), v("--retries"))),
        App.of("PropertiesDefaultProvider", () -> new CommandLine(new Defaults())
            .setDefaultValueProvider(new PropertiesDefaultProvider(properties())), vectors(
            v(), v("--region", "us"), v("--retries", "1"), v("--retries"))),
        App.of("@Unmatched", () -> new CommandLine(new Collector()), vectors(
            v("a", "--x", "telemetry"), v("--known", "k", "-z"), v(), v("telemetry"), v("--known"))),
        App.of("setUnmatchedArgumentsAllowed", () -> new CommandLine(new Root()).setUnmatchedArgumentsAllowed(true),
            vectors(v("status", "--what", "telemetry"), v("zzz"), v("echo", "a", "--zz"), v("telemetry", "enable"))),
        App.of("stopAtPositional", () -> new CommandLine(new Root()).setStopAtPositional(true), vectors(
            v("echo", "a", "--verbose-output", "-x"), v("echo", "-x", "a"), v("status", "--verbose-output"),
            v("echo", "telemetry", "--help"))),
        App.of("stopAtUnmatched", () -> new CommandLine(new Root()).setStopAtUnmatched(true)
            .setUnmatchedArgumentsAllowed(true), vectors(v("echo", "-q", "--help"), v("zzz", "status"))));
  }

  private static CommandLine abbreviated() {
    return new CommandLine(new Root()).setAbbreviatedSubcommandsAllowed(true).setAbbreviatedOptionsAllowed(true);
  }

  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty("region", "eu-from-properties");
    p.setProperty("retries", "5");
    return p;
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "root", mixinStandardHelpOptions = true, version = "root 1", subcommands = {Status.class, StartServer.class, Echo.class})
  static final class Root implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("root ran, unmatched " + spec.commandLine().getUnmatchedArguments());
    }
  }

  @Command(name = "status")
  static final class Status implements Runnable {
    @Option(names = "--verbose-output") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("status verbose=" + verbose + " unmatched=" + spec.commandLine().getUnmatchedArguments());
    }
  }

  @Command(name = "start-server")
  static final class StartServer implements Runnable {
    @Option(names = "--verbose-output") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("server started verbose=" + verbose);
    }
  }

  @Command(name = "echo")
  static final class Echo implements Runnable {
    @Option(names = "-x") boolean x;
    @Parameters(arity = "0..*") List<String> words;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("echo x=" + x + " " + words + " unmatched=" + spec.commandLine().getUnmatchedArguments());
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "tester", mixinStandardHelpOptions = true, subcommands = {TestCmd.class, BuildCmd.class})
  static final class Tester implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("tester ran");
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true, description = "Runs the tests.")
  static final class TestCmd implements Runnable {
    @Option(names = "--fast") boolean fast;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("testing fast=" + fast);
    }
  }

  @Command(name = "build", description = "Builds.")
  static final class BuildCmd implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("building");
    }
  }

  /** Gives --region a default, and leaves every other option's to its annotation. */
  static final class RegionDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argSpec) {
      return argSpec.isOption() && "--region".equals(((OptionSpec) argSpec).longestName()) ? "eu-from-provider" : null;
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "defaults", mixinStandardHelpOptions = true, showDefaultValues = true)
  static final class Defaults implements Runnable {
    @Option(names = "--region", description = "Region.") String region;
    @Option(names = "--retries", defaultValue = "2", description = "Retries.") int retries;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("region=" + region + " retries=" + retries);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "collector", mixinStandardHelpOptions = true)
  static final class Collector implements Runnable {
    @Option(names = "--known") String known;
    @Unmatched List<String> rest;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("known=" + known + " rest=" + rest);
    }
  }
}

package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Usage and version help in every form an app can ask for it. */
final class HelpApps {
  private HelpApps() {}

  static List<App> apps() {
    return List.of(
        App.of("single command, standard help options", () -> new CommandLine(new Single()), vectors(
            v("file.txt"), v(), v("--version"), v("-h"), v("-V"), v("--lines", "3", "file.txt"), v("--lines"),
            v("file.txt", "--help"), v("telemetry"), v("--", "telemetry"))),
        App.of("help subcommand (HelpCommand)", () -> new CommandLine(new WithHelp()), vectors(
            v("help"), v("help", "greet"), v("help", "nosuch"), v("greet", "Ann"), v("greet"), v("help", "help"),
            v("help", "telemetry"), v("--version"))),
        App.of("usageHelp/versionHelp options with IVersionProvider", () -> new CommandLine(new OwnHelp()), vectors(
            v("-?"), v("--info"), v("-V"), v("--about"), v(), v("-V", "-?"), v("-x", "1"))),
        App.of("mixinStandardHelpOptions with IVersionProvider", () -> new CommandLine(new Provided()), vectors(
            v("--version"), v(), v("--version", "--help"), v("sub"), v("sub", "--version"), v("sub", "--help"))),
        App.of("command printing its own usage", () -> new CommandLine(new SelfUsage()), vectors(
            v(), v("--verbose"), v("--version"), v("telemetry"))),
        App.of("usage sections and custom synopsis", () -> new CommandLine(new Sections()), vectors(
            v("--dry-run"), v(), v("-V"))));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "single", mixinStandardHelpOptions = true, version = "single 1.2.3",
      description = "Counts lines.")
  static final class Single implements Runnable {
    @Option(names = {"-n", "--lines"}, description = "How many.", defaultValue = "10") int lines;
    @Parameters(paramLabel = "FILE", description = "The file.") String file;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println(lines + " lines of " + file);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "helpful", version = "helpful 0.1", mixinStandardHelpOptions = true,
      subcommands = {HelpCommand.class, Greet.class})
  static final class WithHelp implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("try 'helpful help'");
    }
  }

  @Command(name = "greet", description = "Greets someone.")
  static final class Greet implements Runnable {
    @Parameters(paramLabel = "NAME") String name;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("hello " + name);
    }
  }

  /** Prints the command's own name and picocli's variables; the same for every run. */
  static final class Versions implements IVersionProvider {
    @Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      return new String[] {"${COMMAND-FULL-NAME} version 9.9", "built by the provider for " + spec.qualifiedName()};
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "ownhelp", versionProvider = Versions.class, description = "Help through its own options.")
  static final class OwnHelp implements Runnable {
    @Option(names = {"-?", "--info"}, usageHelp = true, description = "Shows this.") boolean help;
    @Option(names = {"-V", "--about"}, versionHelp = true, description = "Shows the version.") boolean version;
    @Option(names = "-x", required = true) int x;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("x=" + x);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "provided", mixinStandardHelpOptions = true, versionProvider = Versions.class,
      subcommands = ProvidedSub.class)
  static final class Provided implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("provided ran");
    }
  }

  @Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = Versions.class)
  static final class ProvidedSub implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("sub ran");
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "selfusage", mixinStandardHelpOptions = true, version = "selfusage 1",
      description = "Prints its usage when there is nothing to do.")
  static final class SelfUsage implements Runnable {
    @Option(names = "--verbose") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
      spec.commandLine().getErr().println("nothing to do");
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "sections", version = "sections 4", mixinStandardHelpOptions = true,
      headerHeading = "Usage:%n%n", header = "Does things in sections.", synopsisHeading = "%n",
      customSynopsis = "sections [--dry-run] [-hV]", descriptionHeading = "%nDescription:%n%n",
      description = "A longer description%nover two lines.", optionListHeading = "%nOptions:%n",
      footerHeading = "%nCopyright%n", footer = "(c) nobody", sortOptions = false, abbreviateSynopsis = true)
  static final class Sections implements Runnable {
    @Option(names = "--dry-run", description = "Do nothing.") boolean dryRun;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("dry run: " + dryRun);
    }
  }
}

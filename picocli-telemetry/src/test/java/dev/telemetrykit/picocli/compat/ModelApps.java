package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * How the command model is made: {@code @Spec}, {@code @ParentCommand}, a custom IFactory,
 * commands declared as interfaces (Picocli proxies), and programmatic {@code CommandSpec}s.
 */
final class ModelApps {
  private ModelApps() {}

  static List<App> apps() {
    return List.of(
        App.of("@Spec and @ParentCommand", () -> new CommandLine(new Deploy()), vectors(
            v("--env", "prod", "push", "app"), v("push", "app"), v("push"), v("--env", "qa", "push", "app", "--force"),
            v("--env", "prod", "push", "app", "--force"), v("push", "--help"), v())),
        App.of("custom IFactory", () -> new CommandLine(Greeter.class, new GreetingFactory()), vectors(
            v("Ann"), v(), v("--loud", "Ann"), v("sub", "Bo"), v("sub"))),
        App.of("interface command (proxy)", () -> new CommandLine(Settings.class).setExecutionStrategy(ModelApps::showSettings),
            vectors(v(), v("--count", "3"), v("--count", "x"), v("--name", "n", "file"), v("--version"), v("-c"))),
        App.programmatic("programmatic CommandSpec.create()", ModelApps::programmatic, ProgrammaticSettings.class,
            vectors(v("-n", "3", "a", "b"), v(), v("--version"), v("-n"), v("-n", "x", "a"), v("a", "telemetry"),
                v("--name", "telemetry", "a"))),
        App.programmatic("programmatic wrapWithoutInspection", ModelApps::wrapped, ProgrammaticSettings.class,
            vectors(v(), v("run"), v("run", "--fast"), v("run", "--bogus"), v("nosuch"))));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "deploy", mixinStandardHelpOptions = true, subcommands = Push.class)
  static final class Deploy {
    @Option(names = "--env", defaultValue = "dev") String env;

    @Override
    public String toString() {
      return "Deploy";
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true)
  static final class Push implements Callable<Integer> {
    @ParentCommand Deploy parent;
    @Spec CommandSpec spec;
    @Option(names = "--force") boolean force;
    @Parameters(paramLabel = "APP") String app;

    @Override
    public Integer call() {
      if (force && !"prod".equals(parent.env)) {
        throw new ParameterException(spec.commandLine(), "--force only makes sense for prod");
      }
      spec.commandLine().getOut().println(spec.qualifiedName() + ": " + app + " to " + parent.env + (force ? " (forced)" : ""));
      return 0;
    }
  }

  /** Builds commands through their constructor, with a greeting the app has no default for. */
  static final class GreetingFactory implements IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == Greeter.class) {
        return cls.cast(new Greeter("Howdy"));
      }
      if (cls == GreeterSub.class) {
        return cls.cast(new GreeterSub("Hi"));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "greeter", mixinStandardHelpOptions = true, subcommands = GreeterSub.class)
  static final class Greeter implements Runnable {
    private final String greeting;
    @Option(names = "--loud") boolean loud;
    @Parameters(paramLabel = "NAME") String name;
    @Spec CommandSpec spec;

    Greeter(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public void run() {
      String text = greeting + ", " + name;
      spec.commandLine().getOut().println(loud ? text.toUpperCase() : text);
    }
  }

  @Command(name = "sub")
  static final class GreeterSub implements Runnable {
    private final String greeting;
    @Parameters(paramLabel = "NAME") String name;
    @Spec CommandSpec spec;

    GreeterSub(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public void run() {
      spec.commandLine().getOut().println(greeting + " " + name);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "settings", mixinStandardHelpOptions = true, version = "settings 5")
  interface Settings {
    @Option(names = {"-c", "--count"}, defaultValue = "1") int count();

    @Option(names = "--name") String name();

    @Parameters(arity = "0..1", paramLabel = "FILE") String file();
  }

  /** The interface app's strategy: help as Picocli does it, else prints what the proxy holds. */
  private static int showSettings(ParseResult pr) {
    Integer help = CommandLine.executeHelpRequest(pr);
    if (help != null) {
      return help;
    }
    Settings s = pr.commandSpec().commandLine().getCommand();
    pr.commandSpec().commandLine().getOut().println("count=" + s.count() + " name=" + s.name() + " file=" + s.file());
    return s.count();
  }

  /** Carries the annotation for the programmatic apps, whose commands have no class of their own. */
  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  static final class ProgrammaticSettings {}

  private static CommandLine programmatic() {
    CommandSpec spec = CommandSpec.create().name("prog").version("prog 7.0").mixinStandardHelpOptions(true);
    spec.usageMessage().description("Built with CommandSpec.create().");
    spec.addOption(OptionSpec.builder("-n", "--number").type(int.class).paramLabel("N").description("A number.").build());
    spec.addOption(OptionSpec.builder("--name").type(String.class).build());
    spec.addPositional(PositionalParamSpec.builder().type(String[].class).arity("1..*").paramLabel("WORD").build());
    CommandLine cl = new CommandLine(spec);
    cl.setExecutionStrategy(pr -> {
      Integer help = CommandLine.executeHelpRequest(pr);
      if (help != null) {
        return help;
      }
      int n = pr.matchedOptionValue('n', 1);
      String[] words = pr.matchedPositionalValue(0, new String[0]);
      pr.commandSpec().commandLine().getOut().println(n + " x " + String.join(",", words)
          + " name=" + pr.matchedOptionValue("--name", "-"));
      return 0;
    });
    return cl;
  }

  private static CommandLine wrapped() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> 6);
    spec.name("wrapped").mixinStandardHelpOptions(true);
    CommandSpec run = CommandSpec.wrapWithoutInspection((Runnable) () -> { });
    run.addOption(OptionSpec.builder("--fast").arity("0").type(boolean.class).build());
    spec.addSubcommand("run", run);
    return new CommandLine(spec);
  }
}

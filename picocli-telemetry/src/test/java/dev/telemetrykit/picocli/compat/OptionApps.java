package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Option features: mixins, argument groups, negatable options, interactive options, enums and maps. */
final class OptionApps {
  private OptionApps() {}

  static List<App> apps() {
    return List.of(
        App.of("mixins", () -> new CommandLine(new Mixed()), vectors(
            v("-v", "-v", "--out", "x.txt"), v(), v("--out"), v("--version"), v("copy", "-v", "a"), v("copy"), v("copy", "--help"))),
        App.of("exclusive and dependent arg groups", () -> new CommandLine(new Grouped()), vectors(
            v("--json"), v("--yaml"), v("--json", "--yaml"), v(), v("--json", "--user", "u"),
            v("--yaml", "--user", "u", "--password", "p"), v("--json", "--password", "p", "--user", "u", "--user", "w"))),
        App.of("negatable options", () -> new CommandLine(new Negatable()), vectors(
            v(), v("--no-color"), v("--color"), v("--no-cache"), v("--cache"), v("--no-bogus"), v("--color=false"))),
        App.of("interactive option (arity 0..1, value given)", () -> new CommandLine(new Login()), vectors(
            v("--user", "ann", "--password", "s3cret"), v("--user", "ann", "--password=pw"), v("--user", "ann"), v(),
            v("--user"), v("-p", "x"))),
        App.of("enums, maps and case-insensitive enum values", () -> new CommandLine(new Export())
            .setCaseInsensitiveEnumValuesAllowed(true), vectors(
            v("--format", "JSON"), v("--format", "yaml"), v("--format", "xml"), v("--format"), v("-D", "a=1", "-D", "b=2"),
            v("-D", "novalue"), v("--formats", "json,csv"), v())));
  }

  /** Options shared between commands. */
  static final class Common {
    @Option(names = {"-v", "--verbose"}, description = "More output.") boolean[] verbosity = new boolean[0];
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    void report() {
      mixee.commandLine().getErr().println(mixee.name() + " verbosity " + verbosity.length);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "mixed", mixinStandardHelpOptions = true, version = "mixed 1", subcommands = Copy.class)
  static final class Mixed implements Runnable {
    @Mixin Common common;
    @Option(names = "--out") String out;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      common.report();
      spec.commandLine().getOut().println("out=" + out);
    }
  }

  @Command(name = "copy", mixinStandardHelpOptions = true)
  static final class Copy implements Runnable {
    @Mixin Common common;
    @Parameters(paramLabel = "FILE") String file;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      common.report();
      spec.commandLine().getOut().println("copy " + file);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "grouped", mixinStandardHelpOptions = true)
  static final class Grouped implements Runnable {
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Format:%n") Format format;
    @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Credentials:%n") Credentials credentials;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("json=" + format.json + " yaml=" + format.yaml
          + (credentials == null ? " anonymous" : " user=" + credentials.user));
    }
  }

  static final class Format {
    @Option(names = "--json", required = true) boolean json;
    @Option(names = "--yaml", required = true) boolean yaml;
  }

  static final class Credentials {
    @Option(names = "--user", required = true) String user;
    @Option(names = "--password", required = true) String password;
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "negatable", mixinStandardHelpOptions = true)
  static final class Negatable implements Runnable {
    @Option(names = "--color", negatable = true, defaultValue = "true", fallbackValue = "true") boolean color;
    @Option(names = "--no-cache", negatable = true) boolean noCache;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("color=" + color + " noCache=" + noCache);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "login", mixinStandardHelpOptions = true)
  static final class Login implements Runnable {
    @Option(names = "--user", required = true) String user;
    @Option(names = {"-p", "--password"}, interactive = true, arity = "0..1", description = "Asked for if no value.")
    char[] password;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println(user + " password length " + (password == null ? -1 : password.length));
    }
  }

  enum Fmt { JSON, YAML, CSV }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "export", mixinStandardHelpOptions = true)
  static final class Export implements Runnable {
    @Option(names = "--format", defaultValue = "CSV", description = "One of: ${COMPLETION-CANDIDATES}.") Fmt format;
    @Option(names = "--formats", split = ",") List<Fmt> formats;
    @Option(names = "-D") Map<String, String> props;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("format=" + format + " formats=" + formats + " props=" + props);
    }
  }
}

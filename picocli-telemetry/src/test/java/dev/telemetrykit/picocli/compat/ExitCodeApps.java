package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Exit codes: {@code @Command} exit-code attributes, IExitCodeGenerator, Callable results. */
final class ExitCodeApps {
  private ExitCodeApps() {}

  static List<App> apps() {
    return List.of(
        App.of("@Command exitCodeOnSuccess/OnInvalidInput/OnExecutionException/exitCodeList",
            () -> new CommandLine(new Codes()), vectors(
                v(), v("--fail"), v("--count", "x"), v("--count", "2"), v("--count"), v("--version"), v("telemetry"))),
        App.of("IExitCodeGenerator", () -> new CommandLine(new Generator()), vectors(
            v(), v("--code", "7"), v("--code", "x"), v("--code"), v("--code", "300"))),
        App.of("Callable returning codes", () -> new CommandLine(new Returns()), vectors(
            v("0"), v("3"), v("255"), v("-1"), v("x"), v(), v("none"), v("--version"))));
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "codes", mixinStandardHelpOptions = true, version = "codes 1",
      exitCodeOnSuccess = 5, exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 4,
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"5:ok", "3:bad input", "4:failed"})
  static final class Codes implements Runnable {
    @Option(names = "--fail") boolean fail;
    @Option(names = "--count") int count;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      if (fail) {
        throw new UnsupportedOperationException("failing on purpose");
      }
      spec.commandLine().getOut().println("count=" + count);
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "generator", mixinStandardHelpOptions = true)
  static final class Generator implements Runnable, IExitCodeGenerator {
    @Option(names = "--code", defaultValue = "0") int code;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().getOut().println("code " + code);
    }

    @Override
    public int getExitCode() {
      return code;
    }
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "returns", mixinStandardHelpOptions = true, version = "returns 1")
  static final class Returns implements Callable<Integer> {
    @Parameters(paramLabel = "CODE") String code;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("returning " + code);
      return "none".equals(code) ? null : Integer.valueOf(code);
    }
  }
}

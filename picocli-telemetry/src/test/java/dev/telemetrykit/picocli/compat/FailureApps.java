package dev.telemetrykit.picocli.compat;

import static dev.telemetrykit.picocli.compat.App.v;
import static dev.telemetrykit.picocli.compat.App.vectors;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Commands that throw (checked, runtime, Error, a ParameterException of their own), under the
 * default handlers and under custom execution- and parameter-exception handlers, exit-code
 * mappers, and handlers that rethrow with and without a mapper.
 */
final class FailureApps {
  private FailureApps() {}

  private static final List<List<String>> FAILURES = vectors(
      v("ok"), v("checked"), v("runtime"), v("error"), v("bad-input"), v("wrapped"), v(), v("ok", "extra"),
      v("--version"), v("telemetry"));

  static List<App> apps() {
    return List.of(
        failing("default handlers", cl -> {}),
        failing("custom execution-exception handler", cl -> cl.setExecutionExceptionHandler((ex, cmd, pr) -> {
          cmd.getErr().println("handled " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          return 7;
        })),
        failing("custom parameter-exception handler", cl -> cl.setParameterExceptionHandler((ex, args) -> {
          ex.getCommandLine().getErr().println("bad input: " + ex.getMessage());
          ex.getCommandLine().getErr().println("args: " + String.join(" ", args));
          return 9;
        })),
        failing("exit-code exception mapper", cl -> cl.setExitCodeExceptionMapper(
            ex -> ex instanceof IllegalStateException ? 13 : ex instanceof ParameterException ? 12 : 11)),
        failing("execution handler rethrows, with mapper", cl -> {
          cl.setExecutionExceptionHandler((ex, cmd, pr) -> {
            throw new IllegalArgumentException("wrapped by handler", ex);
          });
          cl.setExitCodeExceptionMapper(ex -> 21);
        }),
        failing("execution handler rethrows, no mapper", cl -> cl.setExecutionExceptionHandler((ex, cmd, pr) -> {
          throw ex;
        })),
        failing("parameter handler rethrows, with mapper", cl -> {
          cl.setParameterExceptionHandler((ex, args) -> {
            throw new IllegalStateException("rejected: " + ex.getMessage());
          });
          cl.setExitCodeExceptionMapper(ex -> 31);
        }),
        failing("parameter handler rethrows, no mapper", cl -> cl.setParameterExceptionHandler((ex, args) -> {
          throw ex;
        })));
  }

  private static App failing(String name, Consumer<CommandLine> configure) {
    return App.of(name, () -> {
      CommandLine cl = new CommandLine(new Thrower());
      configure.accept(cl);
      return cl;
    }, FAILURES);
  }

  @TelemetryEnabled(endpoint = "http://127.0.0.1:9")
  @Command(name = "thrower", mixinStandardHelpOptions = true, version = "thrower 1")
  static final class Thrower implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "ok, checked, runtime, error, bad-input, wrapped")
    String what;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      switch (what) {
        case "checked":
          throw new IOException("disk on fire");
        case "runtime":
          throw new IllegalStateException("state is wrong");
        case "error":
          throw new AssertionError("an Error escapes Picocli");
        case "bad-input":
          throw new ParameterException(spec.commandLine(), "WHAT must not be bad-input");
        case "wrapped":
          throw new RuntimeException("outer", new IOException("inner"));
        default:
          spec.commandLine().getOut().println("fine: " + what);
          return 0;
      }
    }
  }
}

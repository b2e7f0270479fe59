package dev.telemetrykit.picocli.test.example;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import dev.telemetrykit.picocli.TelemetrySafe;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An author's CLI, instrumented as the README says: the production endpoint in the annotation, a
 * subcommand with a safe option, a secret option and an enum option, one that fails, and one that
 * tracks a custom event.
 */
@TelemetryEnabled(endpoint = "https://telemetry.shipit.example.com")
@Command(name = "shipit", version = "2.1.0", mixinStandardHelpOptions = true,
    subcommands = {ShipIt.Deploy.class, ShipIt.Export.class})
public final class ShipIt implements Runnable {
  @Override
  public void run() {}

  public static void main(String[] args) {
    System.exit(Telemetry.execute(new ShipIt(), args));
  }

  /** How a deployment is rolled out. */
  public enum Strategy { ROLLING, BLUE_GREEN }

  /** Deploys; fails for the target {@code broken}. */
  @Command(name = "deploy")
  public static final class Deploy implements Callable<Integer> {
    @TelemetrySafe
    @Option(names = {"-t", "--target"})
    String target;

    @Option(names = "--token")
    String token;

    @Option(names = "--strategy")
    Strategy strategy;

    @Override
    public Integer call() {
      if ("broken".equals(target)) {
        throw new IllegalStateException("cannot reach " + target + " with token " + token);
      }
      return 0;
    }
  }

  /** Exports rows and tracks how many. */
  @Command(name = "export")
  public static final class Export implements Runnable {
    @Option(names = "--rows")
    int rows;

    @Override
    public void run() {
      Telemetry.track("export_finished", Map.of("rows", rows, "format", "csv"));
    }
  }
}

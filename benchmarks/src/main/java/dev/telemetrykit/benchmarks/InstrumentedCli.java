package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The same CLI as {@link PlainCli}, instrumented as the README tells authors to. */
@TelemetryEnabled(endpoint = "http://127.0.0.1:9")
@Command(name = "bench-cli", version = "1.0.0", mixinStandardHelpOptions = true, subcommands = InstrumentedCli.Build.class)
public class InstrumentedCli implements Runnable {
  @Override
  public void run() {}

  /** {@code bench-cli build}: prints one line. */
  @Command(name = "build", mixinStandardHelpOptions = true)
  public static class Build implements Runnable {
    @Option(names = "--target") String target;

    @Override
    public void run() {
      System.out.println("built");
    }
  }

  public static void main(String[] args) {
    System.exit(Telemetry.execute(new InstrumentedCli(), args));
  }
}

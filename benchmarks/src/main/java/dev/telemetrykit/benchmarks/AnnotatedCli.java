package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor of any design that reads its settings from a run-time annotation: {@link PlainCli}
 * with {@code @TelemetryEnabled} on it, run without telemetry. The JVM builds the annotation's
 * proxy as soon as Picocli reads the class's annotations, so every instrumented run pays this.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:9")
@Command(name = "bench-cli", version = "1.0.0", mixinStandardHelpOptions = true, subcommands = AnnotatedCli.Build.class)
public class AnnotatedCli implements Runnable {
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
    System.exit(new CommandLine(new AnnotatedCli()).execute(args));
  }
}

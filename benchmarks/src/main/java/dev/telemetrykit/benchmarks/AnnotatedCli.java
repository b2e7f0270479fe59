package dev.telemetrykit.benchmarks;

import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor: {@link PlainCli} with {@code @TelemetryEnabled} on it and the SDK in its jar, never
 * calling the SDK. What an instrumented run pays before the SDK does anything: a larger jar, and
 * (were the annotation kept for run time) the proxy the JVM builds for it when Picocli reads the
 * class's annotations.
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

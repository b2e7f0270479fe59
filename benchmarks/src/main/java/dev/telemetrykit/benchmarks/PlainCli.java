package dev.telemetrykit.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The baseline: a trivial Picocli CLI with no telemetry anywhere on its class path. */
@Command(name = "bench-cli", version = "1.0.0", mixinStandardHelpOptions = true, subcommands = PlainCli.Build.class)
public class PlainCli implements Runnable {
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
    System.exit(new CommandLine(new PlainCli()).execute(args));
  }
}

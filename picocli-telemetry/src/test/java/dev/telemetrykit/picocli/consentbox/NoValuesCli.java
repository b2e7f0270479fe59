package dev.telemetrykit.picocli.consentbox;

import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A test app none of whose option values is recorded: free text, a flag, a map of enums (whose
 * keys are free text), a positional parameter. Its author also left out {@code privacyUrl}.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:1")
@Command(name = "novalues-cli", version = "novalues-cli 1.0.0", mixinStandardHelpOptions = true,
    subcommands = NoValuesCli.Copy.class)
public class NoValuesCli implements Runnable {
  public enum Level { low, high }

  @Option(names = "--name") String name;

  @Override
  public void run() {
  }

  @Command(name = "copy")
  static class Copy implements Runnable {
    @Parameters String source;
    @Option(names = "--force") boolean force;
    @Option(names = "-L") Map<String, Level> levels;

    @Override
    public void run() {
    }
  }

  /** A fresh command line for this app. */
  public static CommandLine commandLine() {
    return new CommandLine(new NoValuesCli());
  }
}

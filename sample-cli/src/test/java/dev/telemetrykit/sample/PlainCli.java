package dev.telemetrykit.sample;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A tool whose author wrote the shortest possible annotation: no {@code privacyUrl}, and no option
 * whose value is recorded (no enum, nothing marked safe). Run from the test classes next to the
 * packaged sample CLI's jar, which brings the SDK, see {@link JvmInTerminal}.
 */
@TelemetryEnabled(endpoint = "http://127.0.0.1:9")
@Command(name = "plain-cli", version = "plain-cli 0.3.0", mixinStandardHelpOptions = true,
    subcommands = PlainCli.Greet.class)
public final class PlainCli implements Runnable {
  @Override
  public void run() {
    System.out.println("plain-cli: try greet");
  }

  public static void main(String[] args) {
    System.exit(Telemetry.execute(new PlainCli(), args));
  }

  /** {@code plain-cli greet --name <free text>}: the value is the user's own and never recorded. */
  @Command(name = "greet", description = "Say hello.")
  static final class Greet implements Runnable {
    @Option(names = "--name", description = "Who to greet.", defaultValue = "world")
    String name;

    @Override
    public void run() {
      System.out.println("Hello, " + name + ".");
    }
  }
}

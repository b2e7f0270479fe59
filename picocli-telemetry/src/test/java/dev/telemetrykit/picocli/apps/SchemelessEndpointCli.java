package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.TelemetryEnabled;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** An app whose author forgot the scheme of the collector's URL: an author's mistake. */
@TelemetryEnabled(endpoint = "telemetry.example.com")
@Command(name = "typo-cli", version = "typo-cli 1.0", mixinStandardHelpOptions = true)
public final class SchemelessEndpointCli implements Runnable {
  @Spec CommandSpec spec;

  public static CommandLine commandLine() {
    return new CommandLine(new SchemelessEndpointCli());
  }

  @Override
  public void run() {
    spec.commandLine().getOut().println("built");
  }
}

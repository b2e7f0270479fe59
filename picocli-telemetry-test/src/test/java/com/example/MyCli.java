package com.example;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import dev.telemetrykit.picocli.TelemetrySafe;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The CLI of the README's test example. */
@TelemetryEnabled(endpoint = "https://telemetry.example.com")
@Command(name = "my-cli", version = "1.2.0", subcommands = {MyCli.Deploy.class, MyCli.Export.class})
public class MyCli {
  @Command(name = "deploy")
  static class Deploy implements Runnable {
    @TelemetrySafe
    @Option(names = "--target")
    String target;

    @Override
    public void run() {}
  }

  @Command(name = "export")
  static class Export implements Runnable {
    @Override
    public void run() {
      Telemetry.track("export_finished", Map.of("rows", 1200));
    }
  }
}

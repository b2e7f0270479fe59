package com.example;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import dev.telemetrykit.picocli.TelemetrySafe;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@TelemetryEnabled(endpoint = "https://telemetry.example.com", privacyUrl = "https://example.com/telemetry")
@Command(name = "my-cli", version = "1.2.0", subcommands = {MyCli.Deploy.class, MyCli.Export.class})
public class MyCli {
  public static void main(String[] args) {
    System.exit(Telemetry.execute(new MyCli(), args));
  }

  @Command(name = "deploy")
  static class Deploy implements Runnable {
    @TelemetrySafe @Option(names = "--target") String target;

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

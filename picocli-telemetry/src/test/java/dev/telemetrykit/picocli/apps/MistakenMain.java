package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * An app whose author made mistakes with custom events: a reserved property key, a blank feature
 * name, and a well-known event type without the metadata it requires.
 */
@TelemetryEnabled(name = "mistaken-cli", endpoint = "http://127.0.0.1:1")
@Command(name = "mistaken-cli")
public final class MistakenMain implements Runnable {
  public static void main(String[] args) {
    System.exit(Telemetry.execute(new MistakenMain(), args));
  }

  @Override
  public void run() {
    System.out.println("exported");
    Telemetry.track("export_finished", Map.of("duration_ms", 12));
    Telemetry.trackFeature("", null);
    Telemetry.track("feature_used", Map.of("format", "csv")); // meant trackFeature("export", ...)
    System.out.println("done");
  }
}

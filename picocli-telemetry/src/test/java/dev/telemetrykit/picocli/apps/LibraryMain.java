package dev.telemetrykit.picocli.apps;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.TelemetryEnabled;
import java.util.Map;

/** A program that does not use Picocli and records custom events only. */
@TelemetryEnabled(name = "shop-cli", version = "2.5.1", endpoint = "http://127.0.0.1:1")
public final class LibraryMain {
  private LibraryMain() {}

  public static void main(String[] args) {
    Telemetry.start(LibraryMain.class);
    Telemetry.trackFeature("import", Map.of("rows", 3));
    System.out.println("imported");
  }
}

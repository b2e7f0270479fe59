package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.test.RecordedEvent;
import dev.telemetrykit.picocli.test.TelemetryTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyCliTelemetryTest {
  @RegisterExtension
  TelemetryTestKit telemetry = TelemetryTestKit.granted(); // or denied(), undecided(), optedOut()

  @Test
  void deployIsRecordedWithItsTarget() {
    int exitCode = Telemetry.execute(new MyCli(), "deploy", "--target", "staging");

    RecordedEvent run = telemetry.assertOneCommand("deploy");
    assertEquals(0, exitCode);
    assertEquals(Map.of("--target", "staging"), run.optionValues());
    assertEquals(true, run.success());
  }

  @Test
  void exportTracksItsRows() {
    Telemetry.execute(new MyCli(), "export");

    assertEquals(1200L, telemetry.assertOneCustomEvent("export_finished").properties().get("rows"));
  }

  @Test
  void uploadsReachTheCollector() {
    Telemetry.execute(new MyCli(), "deploy", "--target", "prod");

    assertEquals(1, telemetry.flush()); // to a stand-in collector on 127.0.0.1, never your endpoint
    assertEquals("deploy", telemetry.collector().events().get(0).command());
  }
}

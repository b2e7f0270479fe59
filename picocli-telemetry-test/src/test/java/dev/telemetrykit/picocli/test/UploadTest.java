package dev.telemetrykit.picocli.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.Telemetry;
import dev.telemetrykit.picocli.test.example.ShipIt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Uploads to the stand-in collector: what arrives there, and what a failing collector leaves behind. */
class UploadTest {
  @RegisterExtension TelemetryTestKit telemetry = TelemetryTestKit.granted();

  @Test
  void flushSendsEveryRecordedEventToTheCollectorOnce() {
    Telemetry.execute(new ShipIt(), "deploy", "-t", "prod");
    Telemetry.execute(new ShipIt(), "export", "--rows", "7");

    assertThat(telemetry.flush()).isEqualTo(3);
    assertThat(telemetry.flush()).isZero();

    assertThat(telemetry.collector().events()).extracting(RecordedEvent::eventId)
        .containsExactlyInAnyOrderElementsOf(telemetry.events().stream().map(RecordedEvent::eventId).toList());
    RecordedEvent deploy = telemetry.collector().events().stream().filter(RecordedEvent::isCommand)
        .filter(e -> e.command().equals("deploy")).findFirst().orElseThrow();
    assertThat(deploy.tool()).isEqualTo("shipit");
    assertThat(deploy.optionValues()).containsEntry("--target", "prod");
    assertThat(telemetry.collector().batches()).isEqualTo(1);
  }

  @Test
  void nothingIsUploadedBeforeFlush() {
    StandInCollector collector = telemetry.collector();
    for (int i = 0; i < 3; i++) {
      Telemetry.execute(new ShipIt(), "deploy");
    }

    assertThat(collector.batches()).isZero();
    assertThat(telemetry.commands()).hasSize(3);
  }

  @Test
  void eventsRefusedByAFailingCollectorStayRecordedForTheNextFlush() {
    Telemetry.execute(new ShipIt(), "deploy");
    telemetry.collector().respondWith(503);

    assertThat(telemetry.flush()).isZero();
    assertThat(telemetry.collector().events()).isEmpty();

    telemetry.collector().respondWith(0);
    assertThat(telemetry.flush()).isEqualTo(1);
    assertThat(telemetry.collector().events()).extracting(RecordedEvent::command).containsExactly("deploy");
    assertThat(telemetry.events()).hasSize(1);
  }
}

package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.ingest.JsonBody;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared examples in docs/protocol/examples, sent over HTTP to a real collector. */
class ProtocolExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  static List<ProtocolExamples.Valid> validExamples() {
    return ProtocolExamples.valid();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void validExampleIsAcceptedAndStored(ProtocolExamples.Valid example) {
    long before = collector.storedEvents();

    Response response = collector.postJson(example.body());

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(response.json().get("received").intValue()).isEqualTo(example.received());
    assertThat(response.json().get("duplicates").intValue()).isZero();
    assertThat(collector.storedEvents() - before).isEqualTo(example.received());
  }

  static List<ProtocolExamples.Invalid> batchFaults() {
    return ProtocolExamples.invalid().stream().filter(e -> !e.perEvent()).toList();
  }

  static List<ProtocolExamples.Invalid> eventFaults() {
    return ProtocolExamples.invalid().stream().filter(ProtocolExamples.Invalid::perEvent).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFaults")
  void invalidEventsAreRejectedByIndexAndTheRestOfTheBatchIsStored(ProtocolExamples.Invalid example)
      throws IOException {
    long before = collector.storedEvents();
    int sent = JSON.readTree(example.body()).get("events").size();

    Response response = collector.postJson(example.body());

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(response.json().get("received").intValue()).isEqualTo(sent);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(sent - example.rejected().size());
    assertThat(response.json().get("duplicates").intValue()).isZero();
    List<ProtocolExamples.Rejected> rejected = new ArrayList<>();
    response.json().get("rejected").forEach(r -> rejected.add(
        new ProtocolExamples.Rejected(r.get("index").intValue(), r.get("error").textValue())));
    assertThat(rejected).containsExactlyElementsOf(example.rejected());
    assertThat(collector.storedEvents() - before).isEqualTo(sent - example.rejected().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFaults")
  void invalidEventIsFoundAtTheIndexedField(ProtocolExamples.Invalid example) {
    BatchValidator validator = new BatchValidator(ProtocolExamples.referenceClock(),
        Duration.ofDays(ProtocolExamples.retentionDays()));

    Batch batch = validator.validate(JsonBody.parse(example.body()));

    assertThat(batch.rejected()).isNotEmpty();
    assertThat(batch.rejected().get(0).field()).isEqualTo(example.field());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("batchFaults")
  void invalidBatchIsRefusedWholeNamingTheField(ProtocolExamples.Invalid example) {
    long before = collector.storedEvents();

    Response response = collector.postJson(example.body());

    assertThat(response.status()).as("%s", response.json()).isEqualTo(example.status());
    assertThat(response.json().get("error").textValue()).isNotBlank();
    if (example.field() == null) {
      assertThat(response.json().has("field")).as("%s", response.json()).isFalse();
    } else {
      assertThat(response.json().path("field").textValue()).as("%s", response.json()).isEqualTo(example.field());
    }
    assertThat(collector.storedEvents()).isEqualTo(before);
  }

  @Test
  void everyExampleFileIsListedInTheIndexAndEveryIndexEntryExists() {
    assertThat(ProtocolExamples.indexed("valid")).containsExactlyInAnyOrderElementsOf(ProtocolExamples.filesIn("valid"));
    assertThat(ProtocolExamples.indexed("invalid")).containsExactlyInAnyOrderElementsOf(ProtocolExamples.filesIn("invalid"));
  }
}

package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared examples in docs/protocol/examples, sent over HTTP to a real collector. */
class ProtocolExamplesTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  static List<ProtocolExamples.Valid> validExamples() {
    return ProtocolExamples.valid();
  }

  static List<ProtocolExamples.Invalid> invalidExamples() {
    return ProtocolExamples.invalid();
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExamples")
  void invalidExampleIsRejectedNamingTheField(ProtocolExamples.Invalid example) {
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

package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service with an ingest key accepts only batches carrying it; other services are unaffected. */
class IngestKeysEndpointTest {
  private static final String KEY = "sample-cli-ingest-key-1";

  @RegisterExtension
  static final RunningCollector collector =
      RunningCollector.perClass(config -> config.withIngestKeys(Map.of("sample-cli", KEY)));

  @Test
  void batchWithoutTheKeyIs401AndNothingIsStored() {
    String user = Batches.userId();

    Response response = collector.postJson(Batches.bytes(Batches.commands(2, user)));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").textValue()).contains("X-Telemetry-Kit-Key");
    assertThat(collector.storedEvents(user)).isZero();
  }

  @Test
  void batchWithAWrongKeyIs401() {
    String user = Batches.userId();

    Response response = collector.postJson(Batches.bytes(Batches.commands(1, user)),
        "X-Telemetry-Kit-Key", KEY.toUpperCase());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().toString()).doesNotContain(KEY.toUpperCase());
    assertThat(collector.storedEvents(user)).isZero();
  }

  @Test
  void batchWithTheKeyIsStored() {
    String user = Batches.userId();

    Response response = collector.postJson(Batches.bytes(Batches.commands(2, user)), "X-Telemetry-Kit-Key", KEY);

    assertThat(response.status()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).isEqualTo(2);
  }

  @Test
  void serviceWithoutAKeyNeedsNone() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(1, user).put("service_name", "acme-db");

    assertThat(collector.postJson(Batches.bytes(batch)).status()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).isEqualTo(1);
  }

  @Test
  void keyIsCheckedBeforeTheBatchIsJudged() {
    byte[] invalid = "{\"service_name\":\"sample-cli\",\"events\":[]}".getBytes(UTF_8);

    assertThat(collector.postJson(invalid).status()).isEqualTo(401);
    assertThat(collector.postJson(invalid, "X-Telemetry-Kit-Key", KEY).status()).isEqualTo(400);
  }
}

package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.CapturedStderr;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker would craft, beyond the ingest body: headers that could make the server fail
 * loudly, act on another method than the one sent, or answer a page that rebinds DNS to loopback.
 */
class HostileRequestsTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @BeforeAll
  static void storeSomeEvents() {
    assertThat(collector.postJson(Batches.bytes(Batches.commands(3, Batches.userId()))).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "@@", "utf 8", "utf-8,"})
  void unknownCharsetOnAQueryWithParametersIsIgnoredAndLogsNothing(String charset) {
    Response response;
    String logged;
    try (CapturedStderr log = CapturedStderr.start()) {
      response = collector.get("/api/services/sample-cli/commands?limit=3",
          "Content-Type", "text/plain; charset=" + charset);
      logged = log.text();
    }

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(logged).isEmpty();
  }
}

package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.CapturedStderr;
import dev.telemetrykit.collector.support.RawHttpClient;
import dev.telemetrykit.collector.support.RawHttpClient.RawResponse;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

  @ParameterizedTest
  @CsvSource({"GET, X-HTTP-Method-Override", "POST, X-HTTP-Method-Override", "GET, X-HTTP-Method",
      "POST, X-HTTP-Method", "GET, X-Method-Override", "POST, X-Method-Override"})
  void methodOverrideHeaderNeverTurnsARequestIntoADelete(String method, String header) {
    String user = Batches.userId();
    assertThat(collector.postJson(Batches.bytes(Batches.commands(3, user))).status()).isEqualTo(200);

    Response response = collector.send(method, "/users/" + user, header, "DELETE");

    assertThat(response.status()).as("%s", response.json()).isIn(404, 405);
    assertThat(collector.storedEvents(user)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST"})
  void methodQueryParameterNeverTurnsARequestIntoADelete(String method) {
    String user = Batches.userId();
    assertThat(collector.postJson(Batches.bytes(Batches.commands(3, user))).status()).isEqualTo(200);

    Response response = collector.send(method, "/users/" + user + "?_method=DELETE");

    assertThat(response.status()).as("%s", response.json()).isIn(404, 405);
    assertThat(collector.storedEvents(user)).isEqualTo(3);
  }

  @Test
  void methodOverrideHeaderDoesNotStopARealDelete() {
    String user = Batches.userId();
    assertThat(collector.postJson(Batches.bytes(Batches.commands(3, user))).status()).isEqualTo(200);

    Response response = collector.send("DELETE", "/users/" + user, "X-HTTP-Method-Override", "GET");

    assertThat(response.status()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /api/services", "GET /api/services/sample-cli/summary", "GET /", "POST /events"})
  void withoutAnAdminTokenAStrangeHostNameIsRefused(String request) {
    RawResponse response = raw(request, "attacker.example");

    assertThat(response.status()).as(response.text()).isEqualTo(421);
    assertThat(response.json().get("error").textValue()).contains("localhost", "--admin-token")
        .doesNotContain("attacker");
    assertThat(response.text()).doesNotContain("sample-cli\"");
  }

  @Test
  void withoutAnAdminTokenAStrangeHostNameCannotDelete() {
    String user = Batches.userId();
    assertThat(collector.postJson(Batches.bytes(Batches.commands(3, user))).status()).isEqualTo(200);

    RawResponse response = raw("DELETE /users/" + user, "rebound.attacker.example:" + collector.collector().uri().getPort());

    assertThat(response.status()).as(response.text()).isEqualTo(421);
    assertThat(collector.storedEvents(user)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LocalHost:8080", "127.0.0.1", "127.0.0.1:65535", "[::1]", "[::1]:8080"})
  void withoutAnAdminTokenLoopbackHostNamesAreServed(String host) {
    assertThat(raw("GET /api/services", host).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost.attacker.example", "127.0.0.1.nip.io", "[::2]", "localhost:80:80", "127.0.0.2"})
  void withoutAnAdminTokenLookAlikeHostNamesAreRefused(String host) {
    // Jetty itself refuses a malformed Host (400); a well-formed but foreign one is the check's (421).
    assertThat(raw("GET /api/services", host).status()).isIn(400, 421);
  }

  @Test
  void healthAnswersWhateverTheHostName() {
    assertThat(raw("GET /health", "attacker.example").status()).isEqualTo(200);
  }

  private static RawResponse raw(String request, String host) {
    byte[] body = request.startsWith("POST") ? Batches.bytes(Batches.commands(1, Batches.userId())) : new byte[0];
    String head = request + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json"
        + "\r\nContent-Length: " + body.length;
    return RawHttpClient.send(collector.collector().uri(), head, body);
  }
}

package dev.telemetrykit.picocli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.testing.AppRun;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user sees of an upload that did not go through: {@code telemetry flush} says why,
 * {@code telemetry status} keeps saying it, and a collector's mistake costs no event.
 */
class UploadProblemsTest {
  @TempDir Path home;
  WireMockServer collector;
  AppRun app;

  @BeforeEach
  void start() {
    collector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    collector.start();
    app = AppRun.of(ShopCli::commandLine, home).env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:" + collector.port());
    app.run("telemetry", "enable");
  }

  @AfterEach
  void stop() {
    collector.stop();
  }

  @Test
  void wrongEndpointKeepsTheEventsAndStatusSaysWhatToCheck() {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(404).withBody("Not Found")));
    app.run("order", "--format", "json");
    app.run("order", "--format", "csv");

    AppRun.Result flush = app.run("telemetry", "flush");
    String status = app.run("telemetry", "status").out();

    assertThat(flush.exitCode()).isEqualTo(1);
    assertThat(flush.err()).isEqualTo("Nothing was sent: the collector answered 404 Not Found: check the endpoint."
        + " The events stay queued.\n");
    assertThat(status).contains("queued:      2 events")
        .contains("last upload: failed")
        .contains("next upload: not before ")
        .contains("last error:  the collector answered 404 Not Found: check the endpoint")
        .doesNotContain("refused by the collector");
  }

  @Test
  void eventsTheCollectorRejectsAreCountedAndStatusAndShowSentSayWhy() {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(
        "{\"received\":2,\"accepted\":1,\"duplicates\":0,\"rejected\":[{\"index\":0,"
            + "\"error\":\"timestamp is older than the collector keeps events (30 days)\"}]}")));
    app.run("order", "--format", "json");
    app.run("order", "--format", "csv");

    AppRun.Result flush = app.run("telemetry", "flush");
    String status = app.run("telemetry", "status").out();
    String sent = app.run("telemetry", "show", "--sent").out();

    assertThat(flush.exitCode()).isEqualTo(1);
    assertThat(flush.err()).contains("Sent 1 events in 1 batch to ").contains(", but not everything: the collector"
        + " rejected 1 event (rejected 1: #0 timestamp is older than the collector keeps events (30 days)).\n");
    assertThat(status).contains("queued:      0 events")
        .contains("1 refused by the collector")
        .contains("events were refused on ")
        .contains(": 200: received 2, duplicates 0, rejected 1: #0 timestamp is older than the collector keeps events"
            + " (30 days) (telemetry show --sent shows them)");
    assertThat(sent).contains("\"answer\": \"200: received 2, duplicates 0, rejected 1: #0 timestamp is older");
  }
}

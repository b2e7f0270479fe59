package dev.telemetrykit.picocli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import dev.telemetrykit.picocli.testing.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telemetry delete-my-data}: the collector deletes first, then everything here is reset. */
class DeleteMyDataTest {
  @TempDir Path home;
  WireMockServer collector;
  AppRun app;
  DataDir data;

  @BeforeEach
  void start() {
    collector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    collector.start();
    app = AppRun.of(ShopCli::commandLine, home).env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:" + collector.port());
    data = new DataDir(home, "shop-cli");
    app.run("telemetry", "enable");
    app.run("status");
  }

  @AfterEach
  void stop() {
    collector.stop();
  }

  String userId() throws Exception {
    return (String) Json.parseObject(Files.readString(data.stateFile())).get("user_id");
  }

  @Test
  void collectorDeletesThenTelemetryIsResetHere() throws Exception {
    String userId = userId();
    collector.stubFor(delete(urlMatching("/users/.*")).willReturn(aResponse().withStatus(200).withBody("{\"deleted\":7}")));

    AppRun.Result r = app.run("telemetry", "delete-my-data");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("The collector deleted 7 events sent under the current anonymous id.\n"
        + "Telemetry is reset: a new id, nothing queued, not decided.\n");
    collector.verify(deleteRequestedFor(urlEqualTo("/users/" + userId)));
    // Only the empty lock file stays: deleting a lock file others may be waiting on is not safe.
    assertThat(data.allFiles()).containsExactly(home.resolve("shop-cli.flush.lock"));
    assertThat(Files.size(home.resolve("shop-cli.flush.lock"))).isZero();
  }

  @Test
  void collectorErrorDeletesNothingHere() throws Exception {
    collector.stubFor(delete(urlMatching("/users/.*")).willReturn(aResponse().withStatus(500)));
    AppRun.Result r = app.run("telemetry", "delete-my-data");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("The collector did not delete the events sent under the current anonymous id"
        + " (HTTP 500); the id is kept so that 'shop-cli telemetry delete-my-data' can try again later.\n");
    assertThat(data.importAndReadQueue()).hasSize(1); // still queued (moved from the journal into the queue)
    assertThat(Files.exists(data.stateFile())).isTrue();
  }

  @Test
  void unreachableCollectorDeletesNothingHere() throws Exception {
    int port = collector.port();
    collector.stop();
    AppRun.Result r = app.run("telemetry", "delete-my-data");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Nothing was deleted: cannot reach http://127.0.0.1:" + port);
    assertThat(userId()).matches("[0-9a-f]{64}");
  }

  @Test
  void aNotFoundAnswerIsNotTakenForADeletion() throws Exception {
    // The protocol answers 200 {"deleted": 0} for an id it has nothing of; a 404 means the
    // endpoint does not know the request (a wrong path), so the id must stay for another try.
    String userId = userId();
    collector.stubFor(delete(urlMatching("/users/.*")).willReturn(aResponse().withStatus(404)));
    AppRun.Result r = app.run("telemetry", "delete-my-data");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("(HTTP 404); the id is kept");
    assertThat(userId()).isEqualTo(userId);
  }

  @Test
  void anUnreadableStateFileDeletesNothingAndSaysWhy() throws Exception {
    Files.writeString(data.stateFile(), "{ not json");
    AppRun.Result r = app.run("telemetry", "delete-my-data");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Could not read " + data.stateFile()).contains("nothing was deleted");
    assertThat(collector.getAllServeEvents()).isEmpty();
  }

  @Test
  void debugModeSendsNothing() {
    AppRun.Result r = app.env("TELEMETRY_KIT_DEBUG", "1").run("telemetry", "delete-my-data");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(collector.getAllServeEvents()).isEmpty();
  }
}

package dev.telemetrykit.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.storage.StorageException;
import dev.telemetrykit.collector.support.CapturedStderr;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every exception becomes the same JSON error body, with the right status. */
class ErrorResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static Javalin app;

  @BeforeAll
  static void start() {
    RouteGroup failing = routes -> {
      routes.get("/rejected", ctx -> {
        throw RequestRejectedException.invalid("events[1].user_id", "must be 64 lowercase hexadecimal characters");
      });
      routes.get("/storage-down", ctx -> {
        throw new StorageException("cannot store a batch", new SQLException("disk I/O error"));
      });
      routes.get("/bug", ctx -> {
        throw new IllegalStateException("secret internal detail");
      });
    };
    app = CollectorApp.create(failing).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  @Test
  void rejectedRequestCarriesStatusMessageAndField() throws Exception {
    HttpResponse<String> response = get("/rejected");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
        "{\"error\":\"events[1].user_id must be 64 lowercase hexadecimal characters\",\"field\":\"events[1].user_id\"}"));
  }

  @Test
  void storageFailureIsARetryable503() throws Exception {
    HttpResponse<String> response = get("/storage-down");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(JSON.readTree(response.body()).get("error").textValue()).isEqualTo("storage unavailable, retry later");
  }

  @Test
  void unexpectedExceptionIsA500ThatRevealsNothingInternal() throws Exception {
    HttpResponse<String> response = get("/bug");

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").textValue()).isEqualTo("internal error");
    assertThat(body.has("field")).isFalse();
    assertThat(response.body()).doesNotContain("secret");
  }

  @Test
  void unexpectedExceptionIsLoggedWithItsTypeAndStackButNotItsMessage() throws Exception {
    String logged;
    try (CapturedStderr log = CapturedStderr.start()) {
      get("/bug");
      logged = log.text();
    }

    // Exception messages often quote the input that broke a parser: a client could write to the log.
    assertThat(logged).contains("GET /bug failed", "java.lang.IllegalStateException", "ErrorResponsesTest")
        .doesNotContain("secret");
  }

  @Test
  void unknownRouteIsA404InTheSameShape() throws Exception {
    HttpResponse<String> response = get("/missing");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).get("error").textValue()).isNotBlank();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

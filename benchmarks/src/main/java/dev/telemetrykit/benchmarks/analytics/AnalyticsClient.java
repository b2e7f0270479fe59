package dev.telemetrykit.benchmarks.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs the analytics API over loopback the way the dashboard does: bearer token, keep-alive, HTTP/1.1. */
final class AnalyticsClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final URI base;
  private final String token;

  AnalyticsClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The response body; fails on any status but 200. */
  byte[] get(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path) {
    try {
      return JSON.readTree(get(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

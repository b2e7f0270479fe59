package dev.telemetrykit.picocli.internal.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batches to {@code <endpoint>/events} (docs/protocol.md). Bodies above 1 KiB are gzipped:
 * usage JSON compresses about tenfold, and below that the header costs more than it saves.
 * Every request has a connect and a total timeout, so no upload can hang.
 */
public final class BatchSender {
  /** Sent as {@code X-Telemetry-Kit-Version}. */
  public static final String SDK_VERSION = "0.1.0";
  static final int GZIP_ABOVE_BYTES = 1024;

  private final HttpClient client;
  private final URI events;
  private final URI endpoint;
  private final Duration requestTimeout;

  public BatchSender(String endpoint, Duration connectTimeout, Duration requestTimeout) {
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.events = this.endpoint.resolve("events");
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /** Posts one batch payload. */
  public SendResult send(String payload) throws IOException, InterruptedException {
    byte[] json = payload.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(events)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("X-Telemetry-Kit-Version", SDK_VERSION);
    if (json.length > GZIP_ABOVE_BYTES) {
      request.header("Content-Encoding", "gzip");
      json = gzip(json);
    }
    HttpResponse<String> response =
        client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new SendResult(response.statusCode(), retryAfter(response.headers().firstValue("Retry-After")),
        response.body());
  }

  /** Asks the collector to delete every event of {@code userId}. */
  public SendResult deleteUser(String userId) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("users/" + userId))
        .timeout(requestTimeout)
        .header("X-Telemetry-Kit-Version", SDK_VERSION)
        .DELETE()
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new SendResult(response.statusCode(), -1, response.body());
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Retry-After as delta-seconds or an HTTP date; -1 when absent or unreadable. */
  static long retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return -1;
    }
    String value = header.get().trim();
    try {
      return Math.max(0, Long.parseLong(value)) * 1000L;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis());
      } catch (RuntimeException notDate) {
        return -1;
      }
    }
  }
}

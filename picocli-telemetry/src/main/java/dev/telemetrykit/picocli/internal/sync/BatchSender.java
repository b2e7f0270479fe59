package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batches to {@code <endpoint>/events} (docs/protocol.md). Bodies above 1 KiB are gzipped:
 * usage JSON compresses about tenfold, and below that the header costs more than it saves.
 *
 * <p>The network may be hostile, so every exchange is bounded. {@code HttpRequest.timeout} covers
 * only the wait for the response headers: a server that then drips its body a byte a second held
 * an upload for as long as it liked. So the whole exchange, connect to last byte, must end within
 * {@code requestTimeout}, or it is cancelled (the connection closed) and reported as a timeout.
 * At most {@link #MAX_RESPONSE_BYTES} of a response body are read, the rest is not: a server that
 * streams gigabytes costs 64 KiB of memory. Redirects are never followed (the client's default,
 * set explicitly): a batch goes to the configured collector or nowhere.
 */
public final class BatchSender {
  /** Sent as {@code X-Telemetry-Kit-Version}. */
  public static final String SDK_VERSION = "0.1.0";
  static final int GZIP_ABOVE_BYTES = 1024;
  /** The most of a response body read: a collector answers with a line of JSON. */
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** The header collector-lite reads a service's ingest key from. */
  public static final String INGEST_KEY_HEADER = "X-Telemetry-Kit-Key";

  private final HttpClient client;
  private final URI events;
  private final URI endpoint;
  private final Duration requestTimeout;
  private final String ingestKey;

  public BatchSender(String endpoint, Duration connectTimeout, Duration requestTimeout) {
    this(endpoint, "", connectTimeout, requestTimeout);
  }

  /** @param ingestKey sent with each batch in {@link #INGEST_KEY_HEADER}; "" for none */
  public BatchSender(String endpoint, String ingestKey, Duration connectTimeout, Duration requestTimeout) {
    this.ingestKey = ingestKey;
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.events = this.endpoint.resolve("events");
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * The sender of {@code config}'s tool: its endpoint and ingest key, 5 s to connect and 10 s for
   * the whole exchange.
   */
  public static BatchSender of(TelemetryConfig config) {
    return new BatchSender(config.endpoint(), config.ingestKey(), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /**
   * Posts one batch payload.
   *
   * @throws HttpTimeoutException when the exchange did not end within the request timeout
   */
  public SendResult send(String payload) throws IOException, InterruptedException {
    byte[] json = payload.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(events)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("X-Telemetry-Kit-Version", SDK_VERSION);
    if (!ingestKey.isEmpty()) {
      request.header(INGEST_KEY_HEADER, ingestKey);
    }
    if (json.length > GZIP_ABOVE_BYTES) {
      request.header("Content-Encoding", "gzip");
      json = gzip(json);
    }
    HttpResponse<String> response = exchange(request.POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
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
    HttpResponse<String> response = exchange(request);
    return new SendResult(response.statusCode(), -1, response.body());
  }

  /** Sends {@code request} and reads its answer, all within the request timeout. */
  private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(request, BoundedBody.handler(MAX_RESPONSE_BYTES));
    try {
      return response.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true); // closes the connection: nothing more is read or kept
      throw new HttpTimeoutException("no complete answer within " + requestTimeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(cause);
    }
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

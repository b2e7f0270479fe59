package dev.telemetrykit.collector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetrykit.collector.Collector;
import dev.telemetrykit.collector.CollectorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A collector on a free loopback port with a SQLite file in a temp directory, plus a plain HTTP/1.1
 * client to talk to it the way the SDK will.
 *
 * <p>Either one per test class, shared by its tests ({@code @RegisterExtension static final
 * RunningCollector collector = RunningCollector.perClass();}; tests then use their own user ids or
 * count differences), or started and closed by a test itself with {@link #start(Path)}. Sharing
 * matters because a graceful stop waits about a second for idle keep-alive connections to close.
 */
public final class RunningCollector implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final UnaryOperator<CollectorConfig> configure;
  private Collector collector;
  private Path directory;
  private Path database;

  private RunningCollector(UnaryOperator<CollectorConfig> configure) {
    this.configure = configure;
  }

  /** Starts a collector whose clock reads the examples' reference time, storing into {@code directory}. */
  public static RunningCollector start(Path directory) {
    return start(directory, UnaryOperator.identity());
  }

  /** Like {@link #start(Path)}, with the configuration changed by {@code configure} (a token, keys, limits). */
  public static RunningCollector start(Path directory, UnaryOperator<CollectorConfig> configure) {
    RunningCollector running = new RunningCollector(configure);
    running.open(directory);
    return running;
  }

  /**
   * Like {@link #start(Path, UnaryOperator)}, in a temp directory of its own that {@link #close()}
   * deletes; for test engines without {@code @TempDir} (jqwik) and for hand-run soak tests.
   */
  public static RunningCollector startInTempDirectory(UnaryOperator<CollectorConfig> configure) {
    RunningCollector running = new RunningCollector(configure);
    try {
      running.directory = Files.createTempDirectory("collector-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running.open(running.directory);
    return running;
  }

  /** A collector started before a test class's first test and closed after its last. */
  public static RunningCollector perClass() {
    return perClass(UnaryOperator.identity());
  }

  /** Like {@link #perClass()}, with the configuration changed by {@code configure}. */
  public static RunningCollector perClass(UnaryOperator<CollectorConfig> configure) {
    return new RunningCollector(configure);
  }

  private void open(Path directory) {
    database = directory.resolve("collector.db");
    CollectorConfig config = new CollectorConfig(0, "127.0.0.1", "jdbc:sqlite:" + database,
        ProtocolExamples.retentionDays());
    collector = Collector.start(configure.apply(config), ProtocolExamples.referenceClock());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("collector-test");
    open(directory);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void deleteDirectory() {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response: status, body parsed as JSON (null when it is not JSON), and headers. */
  public record Response(int status, JsonNode json, java.net.http.HttpHeaders headers) {}

  public Collector collector() {
    return collector;
  }

  public Response postGzip(byte[] body) {
    return post(gzip(body), "application/json", "gzip");
  }

  public Response post(byte[] body, String contentType, String contentEncoding) {
    return post(BodyPublishers.ofByteArray(body), contentType, contentEncoding);
  }

  public Response post(BodyPublisher body, String contentType, String contentEncoding) {
    HttpRequest.Builder request = request("/events").POST(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    return send(request.header("X-Telemetry-Kit-Version", "0.1.0").build());
  }

  /** GET with optional headers given as name, value, name, value... */
  public Response get(String path, String... headers) {
    return send(withHeaders(request(path).GET(), headers).build());
  }

  /** POST /events with a JSON body and optional headers given as name, value, ... */
  public Response postJson(byte[] body, String... headers) {
    HttpRequest.Builder request = request("/events").POST(BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header("X-Telemetry-Kit-Version", "0.1.0");
    return send(withHeaders(request, headers).build());
  }

  /** Any method, without a body, with optional headers given as name, value, ... */
  public Response send(String method, String path, String... headers) {
    return send(withHeaders(request(path).method(method, BodyPublishers.noBody()), headers).build());
  }

  private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, String... headers) {
    return headers.length == 0 ? request : request.headers(headers);
  }

  public Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** Rows in the events table, optionally only those of one user. */
  public long storedEvents(String userIdOrNull) {
    String sql = "SELECT count(*) FROM events" + (userIdOrNull == null ? "" : " WHERE user_id = ?");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement query = connection.prepareStatement(sql)) {
      if (userIdOrNull != null) {
        query.setString(1, userIdOrNull);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public long storedEvents() {
    return storedEvents(null);
  }

  /** The event ids stored for one user. */
  public java.util.List<String> storedEventIds(String userId) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        PreparedStatement query = connection.prepareStatement("SELECT event_id FROM events WHERE user_id = ?")) {
      query.setString(1, userId);
      java.util.List<String> ids = new java.util.ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(collector.uri() + path)).timeout(Duration.ofSeconds(30));
  }

  private static Response send(HttpRequest request) {
    try {
      var response = HTTP.send(request, BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), parse(response.body()), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops the collector and deletes the temp directory it made itself (none when given one by {@link #start}). */
  @Override
  public void close() {
    collector.close();
    if (directory != null) {
      deleteDirectory();
    }
  }
}

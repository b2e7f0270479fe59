package dev.telemetrykit.picocli.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.telemetrykit.picocli.internal.testkit.KitEvent;
import dev.telemetrykit.picocli.internal.testkit.TestKitWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A collector for upload tests: a small HTTP server on the loopback interface that speaks the
 * wire protocol (docs/protocol.md) as collector-lite does. It takes {@code POST /events}, rejects
 * the events collector-lite would reject (with the same reasons, from the SDK's own rules),
 * skips duplicates by event id, and keeps the rest in memory for {@link #events()}.
 *
 * <p>Made by {@link TelemetryTestKit#collector()}, which also stops it after the test; or on its
 * own with {@link #start()}, to point a CLI's process at ({@link #endpoint()}).
 */
public final class StandInCollector implements AutoCloseable {
  /** The protocol's limit on a body, as sent and after gzip decompression. */
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final int MAX_EVENTS = 100;

  private final HttpServer server;
  // Guarded by this: the server's thread writes, the test's thread reads.
  private final List<RecordedEvent> events = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();
  private int batches;
  private int scriptedStatus;

  private StandInCollector(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a collector on a free port of 127.0.0.1.
   *
   * @return the running collector; {@link #close()} stops it
   * @throws UncheckedIOException when no server can be started
   */
  public static StandInCollector start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      StandInCollector collector = new StandInCollector(server);
      server.createContext("/", collector::handle);
      server.start();
      return collector;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the stand-in collector", e);
    }
  }

  /** {@return the collector's base URL, e.g. {@code http://127.0.0.1:50123}: what {@code @TelemetryEnabled(endpoint)} names} */
  public String endpoint() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** {@return the events stored so far, in the order they arrived; each once, however often it was sent} */
  public synchronized List<RecordedEvent> events() {
    return List.copyOf(events);
  }

  /** {@return how many batches were answered 200} */
  public synchronized int batches() {
    return batches;
  }

  /**
   * Answers every following batch with {@code status} and an error body, storing nothing: e.g.
   * 503 for a collector that is down, 413 for one that finds each batch too large. {@code 0}
   * answers normally again.
   *
   * @param status an HTTP status from 300 to 599, or 0
   * @throws IllegalArgumentException for any other number
   */
  public synchronized void respondWith(int status) {
    if (status != 0 && (status < 300 || status > 599)) {
      throw new IllegalArgumentException("The parameter 'status' must be 0 or 300-599, but was " + status);
    }
    scriptedStatus = status;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/events")) {
        answer(exchange, 404, Map.of("error", "not found"));
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, Map.of("error", "method not allowed"));
        return;
      }
      int scripted;
      synchronized (this) {
        scripted = scriptedStatus;
      }
      if (scripted != 0) {
        answer(exchange, scripted, Map.of("error", "scripted by the test"));
        return;
      }
      String body = body(exchange);
      if (body == null) {
        answer(exchange, 413, Map.of("error", "body exceeds 1 MiB"));
        return;
      }
      Map<String, Object> batch;
      try {
        batch = TestKitWire.parseObject(body);
      } catch (IllegalArgumentException e) {
        answer(exchange, 400, Map.of("error", "body is not a JSON object"));
        return;
      }
      Object tool = batch.get("service_name");
      Object sent = batch.get("events");
      if (!(tool instanceof String) || !(sent instanceof List) || ((List<?>) sent).isEmpty()) {
        answer(exchange, 400, Map.of("error", "a batch needs service_name and 1-100 events"));
        return;
      }
      if (((List<?>) sent).size() > MAX_EVENTS) {
        answer(exchange, 413, Map.of("error", "more than 100 events"));
        return;
      }
      answer(exchange, 200, store((String) tool, (List<?>) sent));
    }
  }

  /** Stores the valid, new events of a batch and returns the protocol's answer. */
  private synchronized Map<String, Object> store(String tool, List<?> sent) {
    List<Map<String, Object>> rejected = new ArrayList<>();
    int duplicates = 0;
    for (int i = 0; i < sent.size(); i++) {
      Object event = sent.get(i);
      String problem = TestKitWire.problem(event);
      if (problem != null) {
        rejected.add(Map.of("index", i, "error", problem));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> valid = (Map<String, Object>) event;
      if (eventIds.add((String) valid.get("event_id"))) {
        events.add(new RecordedEvent(new KitEvent(tool, valid)));
      } else {
        duplicates++;
      }
    }
    batches++;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("received", sent.size());
    answer.put("accepted", sent.size() - rejected.size());
    answer.put("duplicates", duplicates);
    answer.put("rejected", rejected);
    return answer;
  }

  /** The request's body, decompressed; null when it is larger than the protocol allows. */
  private static String body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip"))) {
      in = new GZIPInputStream(in);
    }
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, int status, Map<String, Object> json) throws IOException {
    byte[] bytes = TestKitWire.compact(json).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

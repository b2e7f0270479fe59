package dev.telemetrykit.picocli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.telemetrykit.picocli.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A collector on loopback that does what collector-lite does with a batch (deduplicates by event
 * id and answers {@code {"received", "duplicates"}}), and can misbehave on cue: store a batch and
 * then cut the connection without answering, or stall until released. {@code DELETE
 * /users/{user_id}} deletes that user's stored events and answers {@code {"deleted": n}}, or
 * answers a chosen failure status.
 */
public final class FakeCollector implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> stored = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, String> owners = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Map<String, Object>> storedEvents = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<String> deleteRequests = Collections.synchronizedList(new ArrayList<>());
  private volatile int deleteFailure;
  private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger cutsLeft = new AtomicInteger();
  private final AtomicInteger gzipped = new AtomicInteger();
  private volatile CountDownLatch stall = new CountDownLatch(0);
  private final CountDownLatch firstRequest = new CountDownLatch(1);

  private FakeCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-collector");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/events", this::events);
    server.createContext("/users/", this::deleteUser);
    server.start();
  }

  public static FakeCollector start() throws IOException {
    return new FakeCollector();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code n} batches are stored, then the connection is cut without an answer. */
  public void cutAfterStoring(int n) {
    cutsLeft.set(n);
  }

  /** Requests wait (without storing) until {@link #release()}. */
  public void stall() {
    stall = new CountDownLatch(1);
  }

  public void release() {
    stall.countDown();
  }

  public boolean awaitFirstRequest(long seconds) throws InterruptedException {
    return firstRequest.await(seconds, TimeUnit.SECONDS);
  }

  /** Distinct events stored. */
  public int uniqueEvents() {
    return stored.size();
  }

  /** The distinct events of {@code type} stored, in arrival order. */
  public List<Map<String, Object>> events(String type) {
    List<Map<String, Object>> events = new ArrayList<>();
    synchronized (storedEvents) {
      for (Map<String, Object> e : storedEvents.values()) {
        if (type.equals(e.get("event_type"))) {
          events.add(e);
        }
      }
    }
    return events;
  }

  public List<String> eventIds() {
    synchronized (stored) {
      return new ArrayList<>(stored.keySet());
    }
  }

  /** Events in all requests, duplicates included. */
  public int receivedEvents() {
    synchronized (batchSizes) {
      return batchSizes.stream().mapToInt(Integer::intValue).sum();
    }
  }

  public List<Integer> batchSizes() {
    synchronized (batchSizes) {
      return new ArrayList<>(batchSizes);
    }
  }

  public int gzippedRequests() {
    return gzipped.get();
  }

  public int requests() {
    return requests.get();
  }

  /** Stored events sent under {@code userId}. */
  public int eventsOf(String userId) {
    synchronized (owners) {
      return (int) owners.values().stream().filter(userId::equals).count();
    }
  }

  /** The user ids of every {@code DELETE /users/{id}} received, in order. */
  public List<String> deleteRequests() {
    synchronized (deleteRequests) {
      return new ArrayList<>(deleteRequests);
    }
  }

  /** Deletions answer {@code status} without deleting; 0 deletes again. */
  public void failDeletes(int status) {
    deleteFailure = status;
  }

  private void deleteUser(HttpExchange exchange) throws IOException {
    String userId = exchange.getRequestURI().getPath().substring("/users/".length());
    if (!"DELETE".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    deleteRequests.add(userId);
    int failure = deleteFailure;
    if (failure != 0) {
      exchange.sendResponseHeaders(failure, -1);
      exchange.close();
      return;
    }
    int deleted = 0;
    synchronized (owners) {
      for (var it = owners.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().equals(userId)) {
          it.remove();
          stored.remove(e.getKey());
          deleted++;
        }
      }
    }
    byte[] answer = ("{\"deleted\":" + deleted + "}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private void events(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    firstRequest.countDown();
    try {
      if (!stall.await(60, TimeUnit.SECONDS)) {
        exchange.close();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    byte[] raw = exchange.getRequestBody().readAllBytes();
    InputStream body = new ByteArrayInputStream(raw);
    if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      gzipped.incrementAndGet();
      body = new GZIPInputStream(body); // fails the request if the bytes are not gzip
    }
    Map<String, Object> batch = Json.parseObject(new String(body.readAllBytes(), StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) batch.get("events");
    int duplicates = 0;
    for (Map<String, Object> e : events) {
      if (stored.putIfAbsent((String) e.get("event_id"), e.toString()) != null) {
        duplicates++;
      } else {
        owners.put((String) e.get("event_id"), (String) e.get("user_id"));
        storedEvents.put((String) e.get("event_id"), e);
      }
    }
    batchSizes.add(events.size());
    if (cutsLeft.getAndDecrement() > 0) {
      exchange.close(); // stored, but the client never hears so
      return;
    }
    byte[] answer = ("{\"received\":" + events.size() + ",\"duplicates\":" + duplicates + "}")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}

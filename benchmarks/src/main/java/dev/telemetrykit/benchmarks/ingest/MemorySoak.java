package dev.telemetrykit.benchmarks.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * The collector's memory under a soak: starts the collector jar as its own process (with the JVM
 * options given), sends valid batches of 100 events from several senders with one bad request in
 * every four (malformed JSON, oversized and near-limit bodies, a gzip bomb, trailing garbage after
 * gzip, unknown charsets, batches of only invalid events), and reports the process's peak resident
 * memory (VmHWM from /proc) and its RSS at the end. Linux only; a hand-run measurement, not a test.
 *
 * <pre>
 * java -cp benchmarks/target/ingest-benchmark.jar dev.telemetrykit.benchmarks.ingest.MemorySoak \
 *     --jar collector-lite/target/collector-lite.jar --events 200000 --jvm "-Xmx128m -XX:+UseSerialGC"
 * </pre>
 */
public final class MemorySoak {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private MemorySoak() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new TreeMap<>(Map.of("--jar", "collector-lite/target/collector-lite.jar",
        "--events", "200000", "--senders", "8", "--jvm", "", "--db", ""));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path directory = Files.createTempDirectory("memory-soak");
    String db = options.get("--db").isEmpty() ? "jdbc:sqlite:" + directory.resolve("collector.db") : options.get("--db");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (!options.get("--jvm").isBlank()) {
      command.addAll(Arrays.asList(options.get("--jvm").trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", options.get("--jar"), "--port", "0", "--db", db, "--rate-limit", "0"));
    Process collector = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(collector.getInputStream(), UTF_8));
      String line = out.readLine();
      URI events = URI.create(line.replaceAll(".*listening on (\\S+).*", "$1") + "/events");
      long idleRss = status(collector.pid(), "VmRSS");
      int events100 = Integer.parseInt(options.get("--events")) / BatchBodies.EVENTS;
      int senders = Integer.parseInt(options.get("--senders"));
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(senders);
      List<Future<?>> work = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        work.add(pool.submit(() -> send(events, sender, events100 / senders, statuses)));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("command: %s%n", String.join(" ", command.subList(1, command.size())));
      System.out.printf("sent %d valid events in %d batches and %d bad requests in %.0f s; answers %s%n",
          events100 / senders * senders * (long) BatchBodies.EVENTS, events100 / senders * senders,
          statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue().get()).sum(),
          seconds, new TreeMap<>(statuses));
      System.out.printf("collector RSS: idle %d MiB, peak (VmHWM) %d MiB, at the end %d MiB%n",
          idleRss >> 10, status(collector.pid(), "VmHWM") >> 10, status(collector.pid(), "VmRSS") >> 10);
    } finally {
      collector.destroy();
      collector.waitFor();
    }
  }

  private static Void send(URI events, int sender, int batches, Map<Integer, AtomicLong> statuses) throws Exception {
    BatchBodies bodies = new BatchBodies(((long) sender << 24) ^ System.nanoTime() & 0xffffffffL,
        System.currentTimeMillis());
    for (int i = 0; i < batches; i++) {
      count(statuses, post(events, bodies.next(), "application/json", null));
      if (i % 3 == 0) {
        BadRequest bad = BadRequest.values()[(i / 3 + sender) % BadRequest.values().length];
        count(statuses, post(events, bad.body(bodies), bad.contentType, bad.encoding));
      }
    }
    return null;
  }

  /** The bad requests, each a kind the fuzz run sent, the heavy ones included. */
  private enum BadRequest {
    MALFORMED_JSON("application/json", null),
    ONLY_INVALID_EVENTS("application/json", null),
    NEAR_LIMIT_NESTING("application/json", null),
    OVER_THE_LIMIT("application/json", null),
    GZIP_BOMB("application/json", "gzip"),
    GZIP_TRAILING_GARBAGE("application/json", "gzip"),
    UNKNOWN_CHARSET("application/json; charset=no-such-charset", null);

    final String contentType;
    final String encoding;

    BadRequest(String contentType, String encoding) {
      this.contentType = contentType;
      this.encoding = encoding;
    }

    byte[] body(BatchBodies bodies) throws IOException {
      byte[] valid = bodies.next().clone();
      return switch (this) {
        case MALFORMED_JSON -> Arrays.copyOf(valid, valid.length / 2);
        case ONLY_INVALID_EVENTS -> new String(valid, UTF_8).replace("\"timestamp\":", "\"timestamp\":-").getBytes(UTF_8);
        case NEAR_LIMIT_NESTING -> ("{\"service_name\":\"x\",\"service_version\":\"1\",\"events\":["
            + "[".repeat(500_000)).getBytes(UTF_8);
        case OVER_THE_LIMIT -> new byte[(1 << 20) + 1];
        case GZIP_BOMB -> gzip(new byte[64 << 20]);
        case GZIP_TRAILING_GARBAGE -> {
          byte[] gzip = gzip(valid);
          byte[] sent = Arrays.copyOf(gzip, gzip.length + 64);
          yield sent;
        }
        case UNKNOWN_CHARSET -> valid;
      };
    }
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    }
    return out.toByteArray();
  }

  private static int post(URI uri, byte[] body, String contentType, String encoding) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void count(Map<Integer, AtomicLong> statuses, int status) {
    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  /** A field of /proc/<pid>/status in KiB, e.g. VmRSS (now) or VmHWM (the peak so far). */
  private static long status(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException(field + " missing from /proc/" + pid + "/status");
  }
}

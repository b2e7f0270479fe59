package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.ProtocolExamples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/collector-lite.jar}. Needs
 * {@code mvn package} first, so it runs in the integration-test phase.
 */
class CollectorJarIT {
  private static final Pattern STARTED =
      Pattern.compile("collector-lite listening on (http://127\\.0\\.0\\.1:\\d+) \\(storage: sqlite .*\\)");

  @TempDir
  Path dir;

  @Test
  void jarStartsServesAndStopsOnSigtermWithoutLoggingClientAddresses() throws Exception {
    Path jar = Path.of("target/collector-lite.jar").toAbsolutePath();
    assertThat(jar).exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0",
        "--db", "jdbc:sqlite:" + dir.resolve("collector.db"))
        .directory(dir.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
      long start = System.nanoTime();
      String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(20, TimeUnit.SECONDS);
      Duration startup = Duration.ofNanos(System.nanoTime() - start);
      Matcher started = STARTED.matcher(String.valueOf(line));
      assertThat(started.matches()).as("first line: %s", line).isTrue();
      assertThat(startup).isLessThan(Duration.ofSeconds(10)); // about a second on a 2-core machine

      CompletableFuture<String> restOfStdout = CompletableFuture.supplyAsync(() -> readRest(stdout));

      URI base = URI.create(started.group(1));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThat(send(http, HttpRequest.newBuilder(base.resolve("/health")).build()).statusCode()).isEqualTo(200);
      HttpResponse<String> accepted = send(http, post(base, exampleStampedNow("feature-and-method.json")));
      HttpResponse<String> rejected = send(http, post(base, "{not json".getBytes(UTF_8)));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(accepted.body()).isEqualTo("{\"received\":2,\"accepted\":2,\"duplicates\":0,\"rejected\":[]}");
      assertThat(rejected.statusCode()).isEqualTo(400);

      process.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(restOfStdout.get(5, TimeUnit.SECONDS)).as("nothing after the start-up line").isEmpty();
      assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("127.0.0.1");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void adminTokensGivenOrGeneratedNeverReachTheLog() throws Exception {
    String given = "admin-token-given-by-environment";
    Process process = startJar(Map.of("COLLECTOR_ADMIN_TOKEN", given), "--bind", "127.0.0.1");
    String generated;
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
      URI base = base(stdout);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThat(send(http, api(base, given)).statusCode()).isEqualTo(200);
      assertThat(send(http, api(base, given + "-wrong")).statusCode()).isEqualTo(401);
      assertThat(send(http, api(base, null)).statusCode()).isEqualTo(401);
      stop(process);
    } finally {
      process.destroyForcibly();
    }
    // Beyond loopback without a token: one is generated and printed once, on stdout only.
    Files.delete(dir.resolve("stderr.txt"));
    Process second = startJar(Map.of(), "--bind", "0.0.0.0");
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(second.getInputStream(), UTF_8));
      assertThat(readLine(stdout)).contains("analytics need the admin token");
      generated = readLine(stdout).replaceAll(".*: ", "");
      assertThat(generated).matches("[A-Za-z0-9_-]{43}");
      stop(second);
      assertThat(readRest(stdout)).doesNotContain(generated);
    } finally {
      second.destroyForcibly();
    }

    String log = Files.readString(dir.resolve("stderr.txt"));
    assertThat(log).doesNotContain(given).doesNotContain(generated);
  }

  private Process startJar(Map<String, String> env, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", Path.of("target/collector-lite.jar").toAbsolutePath().toString(),
        "--port", "0", "--db", "jdbc:sqlite:" + dir.resolve("collector.db")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stderr.txt").toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("COLLECTOR_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static URI base(BufferedReader stdout) throws Exception {
    String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(20, TimeUnit.SECONDS);
    Matcher started = Pattern.compile("collector-lite listening on (http://[0-9.]+:\\d+) .*").matcher(String.valueOf(line));
    assertThat(started.matches()).as("first line: %s", line).isTrue();
    return URI.create(started.group(1));
  }

  private static HttpRequest api(URI base, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/services"));
    return (token == null ? request : request.header("Authorization", "Bearer " + token)).build();
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
  }

  /** A valid example with its timestamps moved to now: the jar judges them by the real clock. */
  private static byte[] exampleStampedNow(String name) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode batch = json.readTree(ProtocolExamples.bytes("valid", name));
    for (JsonNode event : batch.get("events")) {
      ((ObjectNode) event).put("timestamp", System.currentTimeMillis());
    }
    return json.writeValueAsBytes(batch);
  }

  private static HttpRequest post(URI base, byte[] body) {
    return HttpRequest.newBuilder(base.resolve("/events"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofByteArray(body))
        .build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, BodyHandlers.ofString());
  }

  private static String readRest(BufferedReader reader) {
    StringBuilder rest = new StringBuilder();
    try {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rest.append(line).append('\n');
      }
    } catch (IOException e) {
      // the process is gone; what was read so far is the answer
    }
    return rest.toString();
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      return null;
    }
  }
}

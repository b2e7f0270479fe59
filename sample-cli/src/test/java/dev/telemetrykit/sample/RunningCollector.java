package dev.telemetrykit.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged collector, {@code ../collector-lite/target/collector-lite.jar}, on a free loopback
 * port with its own SQLite file, as an author runs it.
 */
final class RunningCollector implements AutoCloseable {
  private static final Path JAR = Path.of("..", "collector-lite", "target", "collector-lite.jar").toAbsolutePath();
  private static final Pattern URL = Pattern.compile("listening on (http://[0-9.]+:[0-9]+)");

  private final Process process;
  private final String url;

  private RunningCollector(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static RunningCollector start(Path dir) throws Exception {
    return start(dir, 0);
  }

  /**
   * The collector on {@code port} (0: any free port), storing into {@code dir/collector.db}, with
   * {@code options} added to its command line.
   */
  static RunningCollector start(Path dir, int port, String... options) throws Exception {
    assertThat(JAR).as("collector-lite is built before sample-cli (module order)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
        "--port", Integer.toString(port), "--db", "jdbc:sqlite:" + dir.resolve("collector.db")));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    String url = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = URL.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    assertThat(url).as("collector-lite's start-up line").isNotNull();
    return new RunningCollector(process, url);
  }

  String url() {
    return url;
  }

  /** GETs a path of the analytics API and returns the body. */
  String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

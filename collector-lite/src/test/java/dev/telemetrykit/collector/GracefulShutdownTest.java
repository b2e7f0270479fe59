package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RunningCollector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the collector lets requests in flight finish and closes storage afterwards. */
class GracefulShutdownTest {
  @TempDir
  Path dir;

  @Test
  void requestInFlightCompletesWhileTheCollectorStops() throws Exception {
    RunningCollector running = RunningCollector.start(dir);
    String user = Batches.userId();
    byte[] body = Batches.bytes(Batches.commands(3, user));
    int port = running.collector().uri().getPort();

    // A raw socket plays a slow client: headers and half the body now, the rest later.
    try (Socket slowClient = new Socket("127.0.0.1", port)) {
      slowClient.setSoTimeout(15_000);
      OutputStream out = slowClient.getOutputStream();
      out.write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(US_ASCII));
      out.write(Arrays.copyOf(body, body.length / 2));
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> running.collector().requestsInFlight() == 1);

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(running::close);
      await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port)); // stop has begun
      assertThat(stopping).isNotDone();
      out.write(Arrays.copyOfRange(body, body.length / 2, body.length));
      out.flush();

      String response = new String(slowClient.getInputStream().readAllBytes(), US_ASCII);
      assertThat(response).startsWith("HTTP/1.1 200").contains("{\"received\":3,\"accepted\":3,\"duplicates\":0,\"rejected\":[]}");
      stopping.get();
    }
    assertThat(running.storedEvents(user)).isEqualTo(3);
  }

  @Test
  void idleCollectorStopsPromptly() {
    RunningCollector running = RunningCollector.start(dir);
    long start = System.nanoTime();

    running.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}

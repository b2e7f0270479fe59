package dev.telemetrykit.sample;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The collector's address while the collector misbehaves: WireMock on a fixed loopback port,
 * answering every batch with one scripted fault and storing nothing. A test then closes it and
 * starts the real collector on the same port, as when a broken collector is repaired.
 *
 * <p>Every fault answers with a status that is not 2xx, also after a stall: a stalled collector
 * that finally answered 200 without storing would make the SDK drop events the test then misses.
 */
final class FaultyCollector implements AutoCloseable {
  private final WireMockServer server;

  private FaultyCollector(int port, ResponseDefinitionBuilder answer) {
    server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(20));
    server.start();
    server.stubFor(post(urlEqualTo("/events")).willReturn(answer));
  }

  /** Answers every batch with {@code answer}. */
  static FaultyCollector answering(int port, ResponseDefinitionBuilder answer) {
    return new FaultyCollector(port, answer);
  }

  /** Holds every batch for {@code millis}, then answers 503. */
  static FaultyCollector stalling(int port, int millis) {
    return new FaultyCollector(port, aResponse().withStatus(503).withFixedDelay(millis));
  }

  /** A loopback port nothing listens on now (so connecting to it is refused). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Batches posted so far, answered or not. */
  int batchesReceived() {
    return server.countRequestsMatching(postRequestedFor(urlEqualTo("/events")).build()).getCount();
  }

  @Override
  public void close() {
    server.stop();
  }
}

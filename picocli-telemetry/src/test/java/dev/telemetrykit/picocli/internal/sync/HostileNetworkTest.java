package dev.telemetrykit.picocli.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.telemetrykit.picocli.testing.HostileCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload against servers that misbehave on purpose: whatever they do, an exchange costs at
 * most 64 KiB of memory and ends by the request timeout, and nothing queued is lost.
 */
class HostileNetworkTest {
  static final String PAYLOAD = "{\"service_name\":\"shop-cli\",\"service_version\":\"1\",\"events\":[]}";

  @TempDir Path home;

  static BatchSender sender(String endpoint, long timeoutMillis) {
    return new BatchSender(endpoint, Duration.ofSeconds(1), Duration.ofMillis(timeoutMillis));
  }

  @Test
  void endlessBodyIsReadOnlyUpToTheCapAndTheConnectionClosed() throws Exception {
    try (HostileCollector collector = HostileCollector.endlessBody()) {
      SendResult result = assertTimeoutPreemptively(Duration.ofSeconds(15),
          () -> sender(collector.endpoint(), 10_000).send(PAYLOAD));

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.body().length()).isPositive().isLessThanOrEqualTo(BatchSender.MAX_RESPONSE_BYTES);
      assertThat(collector.awaitHangUp(5_000)).as("the client hung up").isTrue();
    }
  }

  @Test
  void drippingBodyEndsTheExchangeAtTheDeadline() throws Exception {
    try (HostileCollector collector = HostileCollector.drippingBody(200)) {
      long start = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
          assertThatThrownBy(() -> sender(collector.endpoint(), 1_000).send(PAYLOAD))
              .isInstanceOf(HttpTimeoutException.class));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(millis).isBetween(1_000L, 3_000L);
      assertThat(collector.bodyBytesWritten()).as("the body had started").isPositive();
      assertThat(collector.awaitHangUp(3_000)).as("the client hung up").isTrue();
    }
  }

  @Test
  void deleteRequestAgainstADrippingBodyEndsAtTheDeadline() throws Exception {
    try (HostileCollector collector = HostileCollector.drippingBody(200)) {
      long start = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
          assertThatThrownBy(() -> sender(collector.endpoint(), 1_000).deleteUser("a".repeat(64)))
              .isInstanceOf(HttpTimeoutException.class));

      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 3_000L);
    }
  }

  @Test
  void redirectToAnotherHostIsNotFollowed() throws Exception {
    try (HostileCollector elsewhere = HostileCollector.otherHost();
        HostileCollector collector = HostileCollector.redirectingTo(elsewhere.endpoint() + "/events")) {
      SendResult result = sender(collector.endpoint(), 5_000).send(PAYLOAD);

      assertThat(result.status()).isEqualTo(307);
      assertThat(collector.requests()).isEqualTo(1);
      assertThat(elsewhere.requests()).isZero();
    }
  }

  @Test
  void redirectedUploadKeepsEveryEventQueuedAndSendsNothingElsewhere() throws Exception {
    try (HostileCollector elsewhere = HostileCollector.otherHost();
        HostileCollector collector = HostileCollector.redirectingTo(elsewhere.endpoint() + "/events")) {
      QueueFixture fixture = new QueueFixture(home, collector.endpoint()).withEvents(3);

      Flusher.Outcome outcome = fixture.flush();

      assertThat(outcome.sent()).isZero();
      assertThat(outcome.retryLater()).isTrue();
      assertThat(fixture.queued()).isEqualTo(3);
      assertThat(elsewhere.requests()).isZero();
    }
  }

  @Test
  void drippingCollectorKeepsEveryEventQueuedAndBacksOff() throws Exception {
    try (HostileCollector collector = HostileCollector.drippingBody(200)) {
      QueueFixture fixture = new QueueFixture(home, collector.endpoint()).withEvents(3);

      long start = System.nanoTime();
      Flusher.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(15), fixture::flush);

      // The fixture's sender has a 1 s request timeout.
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000L);
      assertThat(outcome.sent()).isZero();
      assertThat(outcome.retryLater()).isTrue();
      assertThat(outcome.problem()).contains("HttpTimeoutException");
      assertThat(fixture.queued()).isEqualTo(3);
      assertThat(fixture.syncState().failures()).isEqualTo(1);
    }
  }
}

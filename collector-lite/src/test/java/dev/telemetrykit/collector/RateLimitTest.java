package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client sending faster than the limit gets 429 with Retry-After, and gets through again later. */
class RateLimitTest {
  @TempDir
  Path dir;

  @Test
  void floodIsAnswered429WithRetryAfterAndTheClientRecovers() {
    try (RunningCollector collector = RunningCollector.start(dir, config -> config.withRateLimit(60))) {
      byte[] cheap = "{}".getBytes(UTF_8); // refused with 400, but every request counts
      int passed = 0;
      long start = System.nanoTime();
      Response response = collector.postJson(cheap);
      while (response.status() != 429 && passed < 1_000) {
        passed++;
        response = collector.postJson(cheap);
      }
      long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1;

      // A minute's worth, plus what refilled meanwhile (1/s): bounded by the flood's own duration,
      // so that a slow machine cannot fail it and a limiter that lets too much through still does.
      assertThat(passed).isBetween(60, 60 + (int) refilled);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(response.json().get("error").textValue()).contains("too many requests");
      assertThat(collector.delete("/users/" + Batches.userId()).status()).isEqualTo(429); // same client, same bucket
      assertThat(collector.get("/health").status()).isEqualTo(200); // probes are never limited

      String user = Batches.userId();
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
          .until(() -> collector.postJson(Batches.bytes(Batches.commands(1, user))).status() == 200);
      assertThat(collector.storedEvents(user)).isEqualTo(1);
    }
  }
}

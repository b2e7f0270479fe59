package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.Malformation;
import dev.telemetrykit.collector.support.Malformation.BadRequest;
import dev.telemetrykit.collector.support.Refusals;
import dev.telemetrykit.collector.support.RunningCollector;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of malformed bodies from one seeded generator against one collector: every one is
 * refused with a 4xx and a JSON error and stores nothing, or has its spoiled events rejected in a
 * 200 that stores only the others; the server keeps serving.
 *
 * <p>Replay a failure with {@code -Dfuzz.seed=<seed printed in the message>}; change the volume with
 * {@code -Dfuzz.requests=<n>}.
 */
class IngestFuzzIT {
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 4000);
  /** Stops early rather than overrun: the run is meant to fit in CI's minute for this suite. */
  private static final Duration TIME_BOX = Duration.ofSeconds(50);
  /** How often the server is checked to still accept a valid batch between bad ones. */
  private static final int SERVING_CHECK_EVERY = 100;

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass(config -> config.withRateLimit(0));

  @Test
  void thousandsOfMalformedBodiesAreRefusedStoringNothingInvalidOrBreakingTheServer() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    Malformation[] kinds = Malformation.values();
    Map<Malformation, Integer> sent = new EnumMap<>(Malformation.class);
    long deadline = System.nanoTime() + TIME_BOX.toNanos();
    int request = 0;
    for (; request < REQUESTS && System.nanoTime() < deadline; request++) {
      Malformation kind = kinds[random.nextInt(kinds.length)];
      BadRequest bad = kind.apply(Batches.commands(1 + random.nextInt(100), Batches.userId()), random);
      String context = "fuzz seed " + seed + ", request " + request;

      // Without Content-Length the size limit can only be enforced while reading: both paths are fuzzed.
      Refusals.assertRefusedStoringOnlyValidEvents(collector, bad, random.nextBoolean(), context);
      sent.merge(kind, 1, Integer::sum);
      if (request % SERVING_CHECK_EVERY == SERVING_CHECK_EVERY - 1) {
        Refusals.assertStillServing(collector, context);
      }
    }
    Refusals.assertStillServing(collector, "fuzz seed " + seed + " at the end");
    System.out.printf("fuzz seed %d: %d malformed requests refused, by kind %s%n", seed, request, sent);
    assertThat(request).as("fuzz seed %d: requests sent within %s", seed, TIME_BOX).isGreaterThanOrEqualTo(1000);
  }
}

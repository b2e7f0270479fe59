package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.Malformation;
import dev.telemetrykit.collector.support.Malformation.BadRequest;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.Refusals;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * {@code POST /events} against generated input over real loopback HTTP: any valid batch is stored
 * exactly once, and any malformation of one is refused with a 4xx and a JSON error and stores nothing,
 * or (a fault in events) is answered 200 rejecting the spoiled events and storing only the others;
 * the server keeps serving. Tries are bounded so the class runs in seconds.
 */
class IngestPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = ProtocolExamples.referenceClock().millis();
  // Printable characters that take at most 3 bytes in UTF-8 and need no \\u escape, so that 100
  // events with the largest generated strings stay under the 1 MiB body limit.
  private static final char[][] TEXT_RANGES = {{' ', '\uD7FF'}, {'\uE000', '\uFFFD'}};

  // jqwik has no @RegisterExtension: the collector is started once for the container by hand.
  private static RunningCollector collector;

  @BeforeContainer
  static void startCollector() {
    collector = RunningCollector.startInTempDirectory(config -> config.withRateLimit(0));
  }

  @AfterContainer
  static void stopCollector() {
    collector.close();
  }

  @Property(tries = 100)
  void validBatchIsStoredExactlyOnceAndItsResendIsAllDuplicates(
      @ForAll("batches") ObjectNode batch, @ForAll boolean gzip) {
    int n = batch.withArray("events").size();
    byte[] body = Batches.bytes(batch);
    long before = collector.storedEvents();

    Response first = gzip ? collector.postGzip(body) : collector.postJson(body);
    Response resent = collector.postJson(body);

    assertThat(first.status()).as("%s", first.json()).isEqualTo(200);
    assertThat(first.json().get("received").intValue()).isEqualTo(n);
    assertThat(first.json().get("duplicates").intValue()).isZero();
    assertThat(resent.status()).as("%s", resent.json()).isEqualTo(200);
    assertThat(resent.json().get("received").intValue()).isEqualTo(n);
    assertThat(resent.json().get("duplicates").intValue()).isEqualTo(n);
    assertThat(collector.storedEvents()).isEqualTo(before + n);
    Statistics.label("events").collect(n <= 10 ? "1-10" : n <= 50 ? "11-50" : "51-100");
  }

  @Property(tries = 200)
  void malformedBatchIsRefusedOrItsBadEventsRejectedAndServerKeepsServing(
      @ForAll Malformation malformation, @ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int events) {
    BadRequest bad = malformation.apply(Batches.commands(events, Batches.userId()), new Random(seed));
    String context = "seed " + seed + ", " + events + " events";

    Refusals.assertRefusedStoringOnlyValidEvents(collector, bad, context);
    Refusals.assertStillServing(collector, context);
    Statistics.collect(malformation);
  }

  @Provide
  Arbitrary<ObjectNode> batches() {
    Arbitrary<String> service = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
        .ofMaxLength(63).map(rest -> "s" + rest);
    Arbitrary<String> version = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(64);
    Arbitrary<String> user = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    return Combinators.combine(service, version, user, event().list().ofMinSize(1).ofMaxSize(100))
        .as((name, ver, userId, list) -> {
          ObjectNode batch = JSON.createObjectNode().put("service_name", name).put("service_version", ver);
          ArrayNode array = batch.putArray("events");
          for (ObjectNode event : list) {
            array.add(event.put("user_id", userId));
          }
          return batch;
        });
  }

  /** One event of a well-known or custom type, with a fresh id and extra generic metadata. */
  private static Arbitrary<ObjectNode> event() {
    Arbitrary<String> type = Arbitraries.oneOf(
        Arbitraries.of("command_executed", "feature_used", "method_called"),
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.").ofMaxLength(63).map(rest -> "c" + rest).filter(t -> !t.equals("command_executed")));
    Arbitrary<Long> timestamp = Arbitraries.longs()
        .between(NOW - Duration.ofDays(ProtocolExamples.retentionDays() - 1).toMillis(), NOW + Duration.ofHours(23).toMillis());
    Arbitrary<Map<String, JsonNode>> extras = Arbitraries.maps(
        Arbitraries.strings().withChars("abcXYZ019_.-").ofMaxLength(20).map(rest -> "x" + rest), value())
        .ofMaxSize(3);
    return Combinators.combine(type, timestamp, text().filter(s -> !s.isEmpty()), Arbitraries.of(true, false),
            Arbitraries.longs().greaterOrEqual(0), Arbitraries.integers(), extras)
        .as((eventType, time, name, success, duration, exitCode, extra) -> {
          ObjectNode event = JSON.createObjectNode()
              .put("event_id", UUID.randomUUID().toString()) // fresh in every try: never a duplicate by chance
              .put("event_type", eventType)
              .put("timestamp", time)
              .put("session_id", UUID.randomUUID().toString());
          ObjectNode metadata = event.putObject("metadata");
          switch (eventType) {
            case "command_executed" -> metadata.put("command", name).put("success", success)
                .put("duration_ms", duration).put("exit_code", exitCode);
            case "feature_used" -> metadata.put("feature", name);
            case "method_called" -> metadata.put("method", name);
            default -> metadata.put("name", name);
          }
          metadata.setAll(extra);
          return event;
        });
  }

  /** A generic metadata value: string, integer, finite double, boolean, null or array of strings. */
  private static Arbitrary<JsonNode> value() {
    return Arbitraries.oneOf(
        text().map(JSON.getNodeFactory()::textNode),
        Arbitraries.longs().map(JSON.getNodeFactory()::numberNode),
        Arbitraries.doubles().map(JSON.getNodeFactory()::numberNode),
        Arbitraries.of(true, false).map(JSON.getNodeFactory()::booleanNode),
        Arbitraries.just(JSON.getNodeFactory().nullNode()),
        text().list().ofMaxSize(3).map(items -> {
          ArrayNode array = JSON.createArrayNode();
          List.copyOf(items).forEach(array::add);
          return array;
        }));
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange(TEXT_RANGES[0][0], TEXT_RANGES[0][1])
        .withCharRange(TEXT_RANGES[1][0], TEXT_RANGES[1][1])
        .ofMaxLength(256);
  }
}

package dev.telemetrykit.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.ProtocolExamples;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules the shared examples do not pin down: exact boundaries and encodings. */
class BatchValidatorTest {
  private static final Clock CLOCK = ProtocolExamples.referenceClock();
  private static final long NOW = CLOCK.millis();
  private final BatchValidator validator = new BatchValidator(CLOCK, Duration.ofDays(400));

  @Test
  void timestampExactly24HoursAheadIsAcceptedOneMillisecondMoreIsNot() {
    assertThat(validator.validate(withTimestamp(NOW + Duration.ofHours(24).toMillis())).events()).hasSize(1);
    assertRejected(withTimestamp(NOW + Duration.ofHours(24).toMillis() + 1), "events[0].timestamp");
  }

  @Test
  void timestampExactlyAtTheRetentionLimitIsAcceptedOneMillisecondOlderIsNot() {
    long limit = NOW - Duration.ofDays(400).toMillis();
    assertThat(validator.validate(withTimestamp(limit)).events()).hasSize(1);
    assertRejected(withTimestamp(limit - 1), "events[0].timestamp");
  }

  @Test
  void shorterRetentionRefusesOlderEvents() {
    BatchValidator thirtyDays = new BatchValidator(CLOCK, Duration.ofDays(30));
    assertThat(thirtyDays.validate(withTimestamp(NOW - Duration.ofDays(31).toMillis())).rejected())
        .singleElement().satisfies(r -> assertThat(r.reason()).contains("30 days"));
  }

  @Test
  void moreThanHundredEventsIsTooLargeRatherThanInvalid() {
    assertThatThrownBy(() -> validator.validate(Batches.commands(101, Batches.userId())))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.field()).isEqualTo("events");
        });
  }

  @Test
  void stringLengthIsCountedInCodePoints() {
    String emoji = "\uD83D\uDE80"; // one code point, two Java chars
    assertThat(validator.validate(withMetadata("note", emoji.repeat(256))).events()).hasSize(1);
    assertRejected(withMetadata("note", emoji.repeat(257)), "events[0].metadata.note");
  }

  @Test
  void unpairedSurrogateIsRejected() {
    assertRejected(withMetadata("note", "a\uD800b"), "events[0].metadata.note");
  }

  @Test
  void nonFiniteAndOversizedNumbersAreRejected() {
    ObjectNode infinite = Batches.commands(1, Batches.userId());
    metadata(infinite).put("ratio", Double.POSITIVE_INFINITY);
    assertRejected(infinite, "events[0].metadata.ratio");

    ObjectNode huge = Batches.commands(1, Batches.userId());
    metadata(huge).put("count", new java.math.BigInteger("123456789012345678901234567890"));
    assertRejected(huge, "events[0].metadata.count");
  }

  @Test
  void exitCodeMustFitIn32Bits() {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    metadata(batch).put("exit_code", 1L << 31);
    assertRejected(batch, "events[0].metadata.exit_code");
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.io.IOException", "com.acme.Cli$ParseError", "IllegalStateException", "été.Ç"})
  void errorAcceptsClassNames(String className) {
    assertThat(validator.validate(withMetadata("error", className)).events()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "java.io.IOException: disk full", "/home/alice", "a..b"})
  void errorRejectsAnythingButAClassName(String value) {
    assertRejected(withMetadata("error", value), "events[0].metadata.error");
  }

  @Test
  void optionValuesMayHoldStringsAndStringArrays() {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    ObjectNode values = metadata(batch).putObject("option_values");
    values.put("--target", "prod");
    values.putArray("--tag").add("a").add("b");
    assertThat(validator.validate(batch).events()).hasSize(1);
  }

  @Test
  void customEventTypesFollowOnlyTheGenericRules() {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    ObjectNode event = (ObjectNode) batch.withArray("events").get(0);
    event.put("event_type", "export.finished");
    event.putObject("metadata").put("success", "not checked for custom types").putObject("sizes").put("rows", 3);
    assertThat(validator.validate(batch).events().get(0).eventType()).isEqualTo("export.finished");
  }

  @Test
  void nestedObjectKeysMayBeOptionNamesButTopLevelKeysMayNot() {
    ObjectNode nested = Batches.commands(1, Batches.userId());
    metadata(nested).putObject("flags").put("-v", true);
    assertThat(validator.validate(nested).events()).hasSize(1);

    ObjectNode topLevel = Batches.commands(1, Batches.userId());
    metadata(topLevel).put("-v", true);
    assertRejected(topLevel, "events[0].metadata");
  }

  @Test
  void arrayOfMoreThan64StringsIsRejected() {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    var tags = metadata(batch).putArray("tags");
    for (int i = 0; i < 65; i++) {
      tags.add("t" + i);
    }
    assertRejected(batch, "events[0].metadata.tags");
  }

  @Test
  void rejectionReasonStartsWithTheFieldInTheEvent() {
    assertThat(validator.validate(withTimestamp(4_102_444_800_000L)).rejected())
        .containsExactly(new Rejection(0, "events[0].timestamp", "timestamp is more than 24 hours in the future"));
  }

  @Test
  void rejectionReasonNeverRepeatsNamesTheClientChose() {
    ObjectNode batch = Batches.commands(3, Batches.userId());
    metadata(batch).put("alice@example.com", "x");
    ObjectNode second = (ObjectNode) batch.withArray("events").get(1);
    second.put("home_dir", "/home/alice");
    ((ObjectNode) second.get("metadata")).putObject("option_values").put("--password-of-alice", 3);
    ObjectNode third = (ObjectNode) batch.withArray("events").get(2);
    ((ObjectNode) third.get("metadata")).putArray("secret_alice").add("a").add(1);

    Batch validated = validator.validate(batch);

    assertThat(validated.events()).isEmpty();
    assertThat(validated.rejected()).extracting(Rejection::reason).containsExactly(
        "metadata has an invalid key: keys are 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' or '-', starting with a letter",
        "<field> is not a known field; allowed: event_id, event_type, timestamp, user_id, session_id, metadata",
        "metadata.<key>[1] must be a string: arrays hold only strings");
    assertThat(validated.rejected()).extracting(Rejection::field)
        .containsExactly("events[0].metadata", "events[1].home_dir", "events[2].metadata.secret_alice[1]");
  }

  @Test
  void invalidEventsAreSetAsideAndTheOthersKeptInOrder() {
    ObjectNode batch = Batches.commands(5, Batches.userId());
    ((ObjectNode) batch.withArray("events").get(1)).put("timestamp", "yesterday");
    ((ObjectNode) batch.withArray("events").get(3)).remove("session_id");

    Batch validated = validator.validate(batch);

    assertThat(validated.received()).isEqualTo(5);
    assertThat(validated.events()).extracting(Event::eventId).containsExactly(
        batch.withArray("events").get(0).get("event_id").textValue(),
        batch.withArray("events").get(2).get("event_id").textValue(),
        batch.withArray("events").get(4).get("event_id").textValue());
    assertThat(validated.rejected()).extracting(Rejection::index).containsExactly(1, 3);
  }

  @Test
  void problemOfTheBatchItselfStillRefusesItWhole() {
    ObjectNode batch = Batches.commands(2, Batches.userId());
    batch.put("service_name", "Not A Service");
    assertThatThrownBy(() -> validator.validate(batch))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.field()).isEqualTo("service_name");
        });
  }

  @Test
  void inventoryEventsNeedTheCommandAndTakeItsOptionNames() {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    ObjectNode event = (ObjectNode) batch.withArray("events").get(0);
    event.put("event_type", "inventory");
    ObjectNode metadata = event.putObject("metadata").put("command", "remote add").put("version", "1.2.0");
    metadata.putArray("options").add("--tag").add("--force");

    assertThat(validator.validate(batch).events()).hasSize(1);
    metadata.remove("command");
    assertRejected(batch, "events[0].metadata.command");
    metadata.put("command", "");
    assertRejected(batch, "events[0].metadata.command");
    metadata.put("command", "status").put("options", "--tag");
    assertRejected(batch, "events[0].metadata.options");
  }

  private static ObjectNode withTimestamp(long timestamp) {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    ((ObjectNode) batch.withArray("events").get(0)).put("timestamp", timestamp);
    return batch;
  }

  private static ObjectNode withMetadata(String key, String value) {
    ObjectNode batch = Batches.commands(1, Batches.userId());
    metadata(batch).put(key, value);
    return batch;
  }

  private static ObjectNode metadata(ObjectNode batch) {
    return (ObjectNode) batch.withArray("events").get(0).get("metadata");
  }

  /** Asserts that the batch's only event is rejected for a fault at {@code field}. */
  private void assertRejected(ObjectNode batch, String field) {
    Batch validated = validator.validate(batch);
    assertThat(validated.events()).isEmpty();
    assertThat(validated.rejected()).extracting(Rejection::field).containsExactly(field);
  }
}

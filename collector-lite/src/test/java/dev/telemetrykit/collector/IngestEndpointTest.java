package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.CapturedStderr;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /events} over real HTTP: dedupe, rejection of single events, encodings and content types. */
class IngestEndpointTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @Test
  void resentBatchIsCountedAsDuplicatesAndNotStoredTwice() {
    String user = Batches.userId();
    byte[] batch = Batches.bytes(Batches.commands(5, user));

    Response first = collector.postJson(batch);
    Response resent = collector.postJson(batch);

    assertThat(first.json().get("received").intValue()).isEqualTo(5);
    assertThat(first.json().get("duplicates").intValue()).isZero();
    assertThat(resent.status()).isEqualTo(200);
    assertThat(resent.json().get("received").intValue()).isEqualTo(5);
    assertThat(resent.json().get("duplicates").intValue()).isEqualTo(5);
    assertThat(collector.storedEvents(user)).isEqualTo(5);
  }

  @Test
  void eventRepeatedInsideOneBatchIsStoredOnce() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(2, user);
    batch.withArray("events").add(batch.withArray("events").get(0).deepCopy());

    Response response = collector.postJson(Batches.bytes(batch));

    assertThat(response.json().get("received").intValue()).isEqualTo(3);
    assertThat(response.json().get("duplicates").intValue()).isEqualTo(1);
    assertThat(collector.storedEvents(user)).isEqualTo(2);
  }

  @Test
  void oneBadEventAmongHundredIsRejectedByIndexAndTheOther99AreStored() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(100, user);
    ((ObjectNode) batch.withArray("events").get(41)).put("timestamp", 4_102_444_800_000L);

    Response response = collector.postJson(Batches.bytes(batch));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("received").intValue()).isEqualTo(100);
    assertThat(response.json().get("accepted").intValue()).isEqualTo(99);
    assertThat(response.json().get("duplicates").intValue()).isZero();
    assertThat(response.json().get("rejected").toString())
        .isEqualTo("[{\"index\":41,\"error\":\"timestamp is more than 24 hours in the future\"}]");
    assertThat(collector.storedEvents(user)).isEqualTo(99);
    String rejectedId = batch.withArray("events").get(41).get("event_id").textValue();
    assertThat(collector.storedEventIds(user)).hasSize(99).doesNotContain(rejectedId);
  }

  @Test
  void resendOfAPartlyRejectedBatchCountsTheStoredAsDuplicatesAndRejectsTheSameEvents() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(4, user);
    ((ObjectNode) batch.withArray("events").get(0).get("metadata")).remove("success");
    byte[] body = Batches.bytes(batch);

    Response first = collector.postJson(body);
    Response resent = collector.postJson(body);

    assertThat(first.json().get("accepted").intValue()).isEqualTo(3);
    assertThat(first.json().get("duplicates").intValue()).isZero();
    assertThat(resent.json().get("accepted").intValue()).isEqualTo(3);
    assertThat(resent.json().get("duplicates").intValue()).isEqualTo(3);
    assertThat(resent.json().get("rejected").get(0).get("error").textValue())
        .isEqualTo("metadata.success is required for command_executed events");
    assertThat(collector.storedEvents(user)).isEqualTo(3);
  }

  @Test
  void rejectedCopyOfAnEventDoesNotHideItsValidCopyInTheSameBatch() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(1, user);
    ObjectNode broken = (ObjectNode) batch.withArray("events").get(0).deepCopy();
    broken.put("user_id", "not a user id");
    batch.withArray("events").insert(0, broken); // same event_id, invalid, before the valid copy

    Response response = collector.postJson(Batches.bytes(batch));

    assertThat(response.json().get("accepted").intValue()).isEqualTo(1);
    assertThat(response.json().get("duplicates").intValue()).isZero();
    assertThat(response.json().get("rejected").get(0).get("index").intValue()).isZero();
    assertThat(collector.storedEvents(user)).isEqualTo(1);
  }

  @Test
  void batchOfOnlyInvalidEventsStoresNothingAndRejectsEach() {
    String user = Batches.userId();
    ObjectNode batch = Batches.commands(2, user);
    batch.withArray("events").forEach(e -> ((ObjectNode) e).put("event_type", "Bad Type"));

    Response response = collector.postJson(Batches.bytes(batch));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("accepted").intValue()).isZero();
    assertThat(response.json().get("rejected")).hasSize(2);
    assertThat(collector.storedEvents(user)).isZero();
  }

  @Test
  void hundredEventsAreAcceptedButHundredAndOneAreTooLarge() {
    String user = Batches.userId();

    Response hundred = collector.postJson(Batches.bytes(Batches.commands(100, user)));
    Response hundredAndOne = collector.postJson(Batches.bytes(Batches.commands(101, user)));

    assertThat(hundred.status()).isEqualTo(200);
    assertThat(hundredAndOne.status()).isEqualTo(413);
    assertThat(hundredAndOne.json().get("field").textValue()).isEqualTo("events");
    assertThat(collector.storedEvents(user)).isEqualTo(100);
  }

  @Test
  void gzipBodyIsAccepted() {
    String user = Batches.userId();

    Response response = collector.postGzip(Batches.bytes(Batches.commands(4, user)));

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(response.json().get("received").intValue()).isEqualTo(4);
    assertThat(collector.storedEvents(user)).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""})
  void jsonContentTypeWithUtf8CharsetIsAccepted(String contentType) {
    Response response = collector.post(Batches.bytes(Batches.commands(1, Batches.userId())), contentType, null);

    assertThat(response.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1"})
  void otherContentTypesAreRejectedWith415(String contentType) {
    Response response = collector.post(Batches.bytes(Batches.commands(1, Batches.userId())), contentType, null);

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.json().get("error").textValue()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "@@", "utf 8", "utf-8,", "foo", "no-such-charset-7f3a"})
  void unknownOrIllegalCharsetIsA415AndLogsNothing(String charset) {
    Response response;
    String logged;
    try (CapturedStderr log = CapturedStderr.start()) {
      response = collector.post(Batches.bytes(Batches.commands(1, Batches.userId())),
          "application/json; charset=" + charset, null);
      logged = log.text();
    }

    assertThat(response.status()).as("%s", response.json()).isEqualTo(415);
    assertThat(response.json().get("error").textValue()).contains("UTF-8");
    // A client's refused request is no server event: nothing is logged, least of all the header.
    assertThat(logged).isEmpty();
  }

  @Test
  void unknownContentEncodingIsRejectedWith415() {
    Response response = collector.post(Batches.bytes(Batches.commands(1, Batches.userId())), "application/json", "br");

    assertThat(response.status()).isEqualTo(415);
    assertThat(response.json().get("error").textValue()).contains("br");
  }

  @Test
  void truncatedJsonIsRejectedWith400WithoutAField() {
    byte[] batch = Batches.bytes(Batches.commands(2, Batches.userId()));

    Response response = collector.postJson(Arrays.copyOf(batch, batch.length / 2));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").textValue()).startsWith("malformed JSON");
    assertThat(response.json().has("field")).isFalse();
  }

  @Test
  void invalidUtf8IsRejectedWith400() {
    byte[] batch = Batches.bytes(Batches.commands(1, Batches.userId()));
    String text = new String(batch, UTF_8).replace("\"build\"", "\"bu?ld\"");
    byte[] broken = text.getBytes(UTF_8);
    broken[text.indexOf("bu?ld") + 2] = (byte) 0xC3; // a lead byte followed by an ASCII byte

    Response response = collector.postJson(broken);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").textValue()).contains("UTF-8");
  }

  @Test
  void corruptGzipIsRejectedWith400() {
    byte[] gzip = RunningCollector.gzip(Batches.bytes(Batches.commands(1, Batches.userId())));
    gzip[gzip.length / 2] ^= 0x55;

    Response response = collector.post(gzip, "application/json", "gzip");

    assertThat(response.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "\u001f", "\u001f\u008b", "{\"service_name\":\"x\"}", "0000000000000000000000000000000000"})
  void gzipBodyFollowedByTrailingBytesIsRejectedWith400(String trailing) {
    String user = Batches.userId();
    byte[] gzip = RunningCollector.gzip(Batches.bytes(Batches.commands(2, user)));
    byte[] extra = trailing.getBytes(ISO_8859_1);
    byte[] sent = Arrays.copyOf(gzip, gzip.length + extra.length);
    System.arraycopy(extra, 0, sent, gzip.length, extra.length);

    Response response = collector.post(sent, "application/json", "gzip");

    assertThat(response.status()).as("%s", response.json()).isEqualTo(400);
    assertThat(response.json().get("error").textValue()).contains("gzip");
    assertThat(collector.storedEvents(user)).isZero();
  }

  @Test
  void gzipMembersOneAfterTheOtherAreOneBody() {
    String user = Batches.userId();
    byte[] json = Batches.bytes(Batches.commands(2, user));
    int half = json.length / 2;
    byte[] first = RunningCollector.gzip(Arrays.copyOfRange(json, 0, half));
    byte[] second = RunningCollector.gzip(Arrays.copyOfRange(json, half, json.length));
    byte[] sent = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, sent, first.length, second.length);

    Response response = collector.post(sent, "application/json", "gzip");

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).isEqualTo(2);
  }

  @Test
  void mutatedExamplesNeverCauseServerErrors() {
    Random random = new Random(20261125); // fixed seed: a failure can be replayed
    for (ProtocolExamples.Valid example : ProtocolExamples.valid()) {
      for (int i = 0; i < 60; i++) {
        byte[] mutated = mutate(example.body(), random);

        Response response = collector.postJson(mutated);

        assertThat(response.status()).as("mutation %d of %s: %s", i, example.name(), new String(mutated, UTF_8))
            .isIn(200, 400, 413);
      }
    }
  }

  private static byte[] mutate(byte[] body, Random random) {
    byte[] copy = body.clone();
    switch (random.nextInt(4)) {
      case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
      case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
      case 2 -> {
        int at = random.nextInt(copy.length);
        copy[at] = (byte) "{}[],:\"0-e.\\".charAt(random.nextInt(12));
      }
      default -> {
        int from = random.nextInt(copy.length);
        int length = Math.min(copy.length - from, 1 + random.nextInt(20));
        byte[] shorter = new byte[copy.length - length];
        System.arraycopy(copy, 0, shorter, 0, from);
        System.arraycopy(copy, from + length, shorter, from, copy.length - from - length);
        copy = shorter;
      }
    }
    return copy;
  }
}

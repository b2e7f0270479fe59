package dev.telemetrykit.collector.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Malformation.BadRequest;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * The robustness invariants of {@code POST /events}, shared by the property tests, the fuzz run and
 * the soak test: a bad request is refused whole (a 4xx with a JSON {@code error}, nothing stored),
 * or, when the fault is in events, answered 200 naming every bad event in {@code rejected} and
 * storing only the others; either way the server keeps serving.
 */
public final class Refusals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Refusals() {}

  /**
   * Sends {@code bad} and asserts it is refused cleanly; {@code context} (e.g. the seed) goes into
   * every failure message so that a failure can be replayed.
   */
  public static Response assertRefusedStoringOnlyValidEvents(RunningCollector collector, BadRequest bad,
      String context) {
    return assertRefusedStoringOnlyValidEvents(collector, bad, false, context);
  }

  /**
   * Like {@link #assertRefusedStoringOnlyValidEvents(RunningCollector, BadRequest, String)},
   * optionally sent chunked (no Content-Length).
   */
  public static Response assertRefusedStoringOnlyValidEvents(RunningCollector collector, BadRequest bad,
      boolean chunked, String context) {
    long before = collector.storedEvents();
    Response response = assertRefused(collector, bad, chunked, context);
    long stored = response.status() == 200 ? acceptedEventIds(bad, response).size() : 0;
    assertThat(collector.storedEvents()).as("%s: rows after %s answered %s", context, bad, response.json())
        .isEqualTo(before + stored);
    return response;
  }

  /**
   * Sends {@code bad} and asserts only the answer: a 4xx with a JSON {@code error}, or a 200 that
   * rejects at least one event. For use while other clients store events, when the row count cannot
   * be compared.
   */
  public static Response assertRefused(RunningCollector collector, BadRequest bad, boolean chunked, String context) {
    Response response = chunked
        ? collector.post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bad.body())),
            bad.contentType(), bad.contentEncoding())
        : collector.post(bad.body(), bad.contentType(), bad.contentEncoding());
    if (response.status() == 200) {
      assertSomeEventsRejected(bad, response, context);
      return response;
    }
    assertThat(response.status()).as("%s: status of %s, body %s", context, bad, response.json())
        .isBetween(400, 499);
    assertThat(response.json()).as("%s: %s answered without a JSON body", context, bad).isNotNull();
    assertThat(response.json().path("error").isTextual() && !response.json().path("error").textValue().isBlank())
        .as("%s: %s answered %s, without a clear error", context, bad, response.json()).isTrue();
    return response;
  }

  private static void assertSomeEventsRejected(BadRequest bad, Response response, String context) {
    JsonNode answer = response.json();
    JsonNode rejected = answer.path("rejected");
    assertThat(rejected.isArray() && !rejected.isEmpty())
        .as("%s: %s was answered 200 without rejecting an event: %s", context, bad, answer).isTrue();
    assertThat(answer.path("accepted").intValue() + rejected.size())
        .as("%s: accepted + rejected vs received in %s", context, answer).isEqualTo(answer.path("received").intValue());
    for (JsonNode r : rejected) {
      assertThat(r.path("index").intValue()).as("%s: %s", context, answer).isBetween(0, answer.path("received").intValue() - 1);
      assertThat(r.path("error").textValue()).as("%s: %s", context, answer).isNotBlank();
    }
  }

  /**
   * The ids of the events a 200 answer to {@code bad} did not reject: what it stored, since every
   * spoiled batch is built from fresh ids.
   */
  public static List<String> acceptedEventIds(BadRequest bad, Response response) {
    Set<Integer> rejected = new HashSet<>();
    response.json().get("rejected").forEach(r -> rejected.add(r.get("index").intValue()));
    List<String> ids = new ArrayList<>();
    try {
      JsonNode events = JSON.readTree(bad.body()).get("events");
      for (int i = 0; i < events.size(); i++) {
        if (!rejected.contains(i)) {
          ids.add(events.get(i).get("event_id").textValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** Asserts that a fresh valid batch is accepted and stored: the server keeps serving. */
  public static void assertStillServing(RunningCollector collector, String context) {
    String user = Batches.userId();
    Response response = collector.postJson(Batches.bytes(Batches.commands(3, user)));
    assertThat(response.status()).as("%s: a valid batch afterwards got %s", context, response.json()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).as("%s: rows of the valid batch afterwards", context).isEqualTo(3);
  }
}

package dev.telemetrykit.collector.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Malformation.BadRequest;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * The robustness invariants of {@code POST /events}, shared by the property tests, the fuzz run and
 * the soak test: a bad request gets a 4xx with a JSON {@code error}, stores nothing, and leaves the
 * server serving.
 */
public final class Refusals {
  private Refusals() {}

  /**
   * Sends {@code bad} and asserts it is refused cleanly; {@code context} (e.g. the seed) goes into
   * every failure message so that a failure can be replayed.
   */
  public static Response assertRefusedWithoutStoring(RunningCollector collector, BadRequest bad, String context) {
    return assertRefusedWithoutStoring(collector, bad, false, context);
  }

  /** Like {@link #assertRefusedWithoutStoring(RunningCollector, BadRequest, String)}, optionally sent chunked (no Content-Length). */
  public static Response assertRefusedWithoutStoring(RunningCollector collector, BadRequest bad, boolean chunked,
      String context) {
    long before = collector.storedEvents();
    Response response = assertRefused(collector, bad, chunked, context);
    assertThat(collector.storedEvents()).as("%s: rows after %s", context, bad).isEqualTo(before);
    return response;
  }

  /**
   * Sends {@code bad} and asserts only the answer: a 4xx with a JSON {@code error}. For use while
   * other clients store events, when the row count cannot be compared.
   */
  public static Response assertRefused(RunningCollector collector, BadRequest bad, boolean chunked, String context) {
    Response response = chunked
        ? collector.post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bad.body())),
            bad.contentType(), bad.contentEncoding())
        : collector.post(bad.body(), bad.contentType(), bad.contentEncoding());
    assertThat(response.status()).as("%s: status of %s, body %s", context, bad, response.json())
        .isBetween(400, 499);
    assertThat(response.json()).as("%s: %s answered without a JSON body", context, bad).isNotNull();
    assertThat(response.json().path("error").isTextual() && !response.json().path("error").textValue().isBlank())
        .as("%s: %s answered %s, without a clear error", context, bad, response.json()).isTrue();
    return response;
  }

  /** Asserts that a fresh valid batch is accepted and stored: the server keeps serving. */
  public static void assertStillServing(RunningCollector collector, String context) {
    String user = Batches.userId();
    Response response = collector.postJson(Batches.bytes(Batches.commands(3, user)));
    assertThat(response.status()).as("%s: a valid batch afterwards got %s", context, response.json()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).as("%s: rows of the valid batch afterwards", context).isEqualTo(3);
  }
}

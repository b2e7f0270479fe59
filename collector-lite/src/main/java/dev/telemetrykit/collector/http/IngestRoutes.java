package dev.telemetrykit.collector.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.ingest.BodyReader;
import dev.telemetrykit.collector.ingest.Identifiers;
import dev.telemetrykit.collector.ingest.JsonBody;
import dev.telemetrykit.collector.ingest.Rejection;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.security.IngestKeys;
import dev.telemetrykit.collector.security.RateLimiter;
import dev.telemetrykit.collector.storage.EventStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /events} and {@code DELETE /users/{user_id}}, as docs/protocol.md describes them, behind
 * a per-client rate limit; batches of a service with an ingest key must carry it. A batch whose
 * events are partly invalid stores the valid ones and answers 200 naming the others.
 */
public final class IngestRoutes implements RouteGroup {
  private final EventStore store;
  private final BatchValidator validator;
  private final IngestKeys keys;
  private final RateLimiter limiter;

  /**
   * Serves ingest from {@code store}, judging batches with {@code validator}.
   *
   * @param keys the services that need an ingest key
   * @param limiter limits requests per client on both endpoints
   */
  public IngestRoutes(EventStore store, BatchValidator validator, IngestKeys keys, RateLimiter limiter) {
    this.store = store;
    this.validator = validator;
    this.keys = keys;
    this.limiter = limiter;
  }

  /**
   * The success body of {@code POST /events}.
   *
   * @param received the events in the batch, valid or not
   * @param accepted the valid ones: stored now, or already stored (then also counted in duplicates)
   * @param duplicates valid events not stored again because their id was already stored or came
   *     earlier in the batch
   * @param rejected the invalid events, which were not stored, in batch order
   */
  record IngestResult(int received, int accepted, int duplicates, List<RejectedEvent> rejected) {}

  /** One entry of {@link IngestResult#rejected}: the event's index and a reason in fixed text. */
  record RejectedEvent(int index, String error) {}

  /** The success body of {@code DELETE /users/{user_id}}. */
  record DeleteResult(int deleted) {}

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/events", this::ingest);
    routes.delete("/users/{user_id}", this::deleteUser);
  }

  private void ingest(Context ctx) throws IOException {
    limit(ctx);
    // The raw header: the servlet's getContentType() resolves the charset and throws on an unknown one.
    byte[] body = BodyReader.read(ctx.header("Content-Type"), ctx.header("Content-Encoding"),
        ctx.req().getContentLengthLong(), ctx.bodyInputStream());
    JsonNode json = JsonBody.parse(body);
    // The key is checked before the batch is judged, so that a stranger learns nothing from 400s.
    if (!keys.accepts(json.path("service_name").textValue(), ctx.header(IngestKeys.HEADER))) {
      throw RequestRejectedException.unauthorized(
          "this service needs its ingest key in the " + IngestKeys.HEADER + " header", null);
    }
    Batch batch = validator.validate(json);
    // Only the valid events reach the store, so deduplication and the rollups see exactly what is kept.
    int duplicates = batch.events().isEmpty() ? 0 : store.store(batch);
    List<RejectedEvent> rejected = new ArrayList<>(batch.rejected().size());
    for (Rejection r : batch.rejected()) {
      rejected.add(new RejectedEvent(r.index(), r.reason()));
    }
    ctx.json(new IngestResult(batch.received(), batch.events().size(), duplicates, rejected));
  }

  private void deleteUser(Context ctx) {
    limit(ctx); // deleting costs more than storing
    String userId = ctx.pathParam("user_id");
    if (!Identifiers.isUserId(userId)) {
      throw RequestRejectedException.invalid("user_id", "must be 64 lowercase hexadecimal characters");
    }
    ctx.json(new DeleteResult(store.deleteUser(userId)));
  }

  private void limit(Context ctx) {
    // The address goes straight into a salted hash; it is never stored or logged.
    long retryAfterSeconds = limiter.acquire(ctx.req().getRemoteAddr());
    if (retryAfterSeconds > 0) {
      throw RequestRejectedException.tooManyRequests(retryAfterSeconds);
    }
  }
}

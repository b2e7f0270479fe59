package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.BatchValidator;
import dev.telemetrykit.collector.ingest.BodyReader;
import dev.telemetrykit.collector.ingest.Identifiers;
import dev.telemetrykit.collector.ingest.JsonBody;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.storage.EventStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;

/** {@code POST /events} and {@code DELETE /users/{user_id}}, as docs/protocol.md describes them. */
public final class IngestRoutes implements RouteGroup {
  private final EventStore store;
  private final BatchValidator validator;

  /** Serves ingest from {@code store}, judging batches with {@code validator}. */
  public IngestRoutes(EventStore store, BatchValidator validator) {
    this.store = store;
    this.validator = validator;
  }

  /** The success body of {@code POST /events}. */
  record IngestResult(int received, int duplicates) {}

  /** The success body of {@code DELETE /users/{user_id}}. */
  record DeleteResult(int deleted) {}

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/events", this::ingest);
    routes.delete("/users/{user_id}", this::deleteUser);
  }

  private void ingest(Context ctx) throws IOException {
    byte[] body = BodyReader.read(ctx.contentType(), ctx.header("Content-Encoding"),
        ctx.req().getContentLengthLong(), ctx.bodyInputStream());
    Batch batch = validator.validate(JsonBody.parse(body));
    int duplicates = store.store(batch);
    ctx.json(new IngestResult(batch.events().size(), duplicates));
  }

  private void deleteUser(Context ctx) {
    String userId = ctx.pathParam("user_id");
    if (!Identifiers.isUserId(userId)) {
      throw RequestRejectedException.invalid("user_id", "must be 64 lowercase hexadecimal characters");
    }
    ctx.json(new DeleteResult(store.deleteUser(userId)));
  }
}

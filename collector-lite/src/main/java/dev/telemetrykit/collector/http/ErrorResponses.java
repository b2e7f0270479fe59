package dev.telemetrykit.collector.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import dev.telemetrykit.collector.storage.StorageException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers, all with the body
 * {@code {"error": "<message>", "field": "<path>"}} ({@code field} only when the problem is about one).
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  /** Seconds a client should wait after a 503; long enough for a restarted database to come back. */
  static final String STORAGE_RETRY_AFTER_SECONDS = "30";

  /** The JSON error body. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorBody(String error, String field) {}

  private ErrorResponses() {}

  static void addTo(RoutesConfig routes) {
    routes.exception(RequestRejectedException.class, (e, ctx) -> {
      UnreadBody.discard(ctx.req());
      e.headers().forEach(ctx::header);
      respond(ctx, e.status(), e.getMessage(), e.field());
    });
    routes.exception(HttpResponseException.class,
        (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage(), null));
    routes.exception(StorageException.class, (e, ctx) -> {
      LOG.warn("{} {}: {}", ctx.method(), route(ctx), e.getMessage(), e.getCause());
      ctx.header("Retry-After", STORAGE_RETRY_AFTER_SECONDS);
      respond(ctx, 503, "storage unavailable, retry later", null);
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), route(ctx), MessageFreeTrace.of(e));
      respond(ctx, 500, "internal error", null);
    });
  }

  /**
   * The route template, e.g. {@code /users/{user_id}}: logs name the endpoint, never the client's
   * address or the ids in the path.
   */
  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    return endpoint == null ? "(no route)" : endpoint.path;
  }

  private static void respond(Context ctx, int status, String message, String field) {
    ctx.status(status).json(new ErrorBody(message, field));
  }
}

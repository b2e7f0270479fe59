package dev.telemetrykit.collector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.telemetrykit.collector.ingest.Limits;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * Builds the collector's Javalin app: JSON errors, graceful stop, no request log, no method
 * override, security headers on every response, the dashboard's static files at {@code /}, and the
 * given routes.
 *
 * <pre>{@code
 * Javalin app = CollectorApp.create(new HealthRoutes(), new IngestRoutes(store, validator, keys, limiter));
 * app.start("127.0.0.1", 8080);
 * }</pre>
 */
public final class CollectorApp {
  /** How long {@code stop()} waits for requests in flight before cutting them off. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** Classpath directory of the dashboard's static files, served at {@code /}. */
  static final String DASHBOARD_DIRECTORY = "/dashboard";

  private CollectorApp() {}

  /** Creates (does not start) an app serving {@code groups}. */
  public static Javalin create(RouteGroup... groups) {
    // Response records use Java names (successRate); the JSON uses snake_case (success_rate) like the protocol.
    ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = Limits.MAX_BODY_BYTES; // for any future route that uses ctx.body()
      config.jsonMapper(new JavalinJackson(json, false));
      // No request logger is configured, in Javalin or Jetty, on purpose: request logs carry the
      // client's IP address, which the collector promises never to write anywhere.
      // Jetty reuses header values seen earlier on a connection and by default matches them
      // ignoring case: after "Bearer ABC" a request sending "Bearer abc" would be handed "Bearer ABC".
      // Tokens and ingest keys are case-sensitive secrets, so the cache must be too.
      config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
      config.jetty.modifyServletContextHandler(context -> {
        context.addFilter(new FilterHolder(new IgnoredMethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new SecurityHeaders()), "/*", EnumSet.of(DispatcherType.REQUEST));
      });
      config.jetty.modifyServer(server -> {
        // GracefulHandler lets stop() wait for requests in flight; without it they are cut off.
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        // Requests Jetty refuses itself get the same JSON error body as those the routes refuse.
        server.setErrorHandler(new JsonErrorHandler());
      });
      // The dashboard's HTML, CSS and JS hold no data, so they are public; the data it fetches from
      // /api/ is guarded like any other API request (AdminAuthentication).
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = DASHBOARD_DIRECTORY;
        files.location = Location.CLASSPATH;
      });
      ErrorResponses.addTo(config.routes);
      for (RouteGroup group : groups) {
        group.addTo(config.routes);
      }
    });
  }

  /** Requests being handled right now, e.g. to wait for one in a test or to report load. */
  public static long requestsInFlight(Javalin app) {
    GracefulHandler graceful = app.jettyServer().server().getDescendant(GracefulHandler.class);
    return graceful == null ? 0 : graceful.getCurrentRequestCount();
  }
}

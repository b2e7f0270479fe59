package dev.telemetrykit.collector.http;

import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /health} for load balancers and probes: answers as long as the server is up. */
public final class HealthRoutes implements RouteGroup {
  static final String PATH = "/health";
  private static final Map<String, String> OK = Map.of("status", "ok");

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(PATH, ctx -> ctx.json(OK));
  }
}

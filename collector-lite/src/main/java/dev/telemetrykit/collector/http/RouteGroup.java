package dev.telemetrykit.collector.http;

import io.javalin.config.RoutesConfig;

/**
 * A set of related endpoints. The app factory takes any number of them, so a new API (analytics,
 * dashboard) is one more class passed to {@link CollectorApp#create}.
 */
@FunctionalInterface
public interface RouteGroup {
  /** Adds this group's endpoints. */
  void addTo(RoutesConfig routes);
}

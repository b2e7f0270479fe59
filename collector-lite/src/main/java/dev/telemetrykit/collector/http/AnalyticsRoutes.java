package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.analytics.Analytics;
import dev.telemetrykit.collector.analytics.Analytics.Interval;
import dev.telemetrykit.collector.analytics.Analytics.RunFilter;
import dev.telemetrykit.collector.analytics.DateRange;
import dev.telemetrykit.collector.ingest.Identifiers;
import dev.telemetrykit.collector.ingest.RequestRejectedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The analytics API under {@code /api/} (docs/analytics-api.md): JSON reports per service over a
 * range of UTC days. Guarded by {@link AdminAuthentication} when a token is required.
 */
public final class AnalyticsRoutes implements RouteGroup {
  private static final String SERVICE = "/api/services/{service}";

  private final Supplier<Analytics> analytics;
  private final Clock clock;

  /**
   * Serves reports from {@code analytics}.
   *
   * @param analytics the queries; may block until storage is open
   * @param clock decides "today" for the default range
   */
  public AnalyticsRoutes(Supplier<Analytics> analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    // Reports are private data: no browser or proxy may keep a copy.
    routes.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
    routes.get("/api/services", ctx -> ctx.json(new AnalyticsReports.Services(analytics.get().services())));
    routes.get(SERVICE + "/commands", this::commands);
    routes.get(SERVICE + "/releases", this::releases);
    routes.get(SERVICE + "/commands/{command}/options", this::options);
    routes.get(SERVICE + "/active-users", this::activeUsers);
    routes.get(SERVICE + "/versions", this::versions);
    routes.get(SERVICE + "/platforms", this::platforms);
    routes.get(SERVICE + "/features", this::features);
    routes.get(SERVICE + "/failures", this::failures);
    routes.get(SERVICE + "/summary", this::summary);
    routes.get(SERVICE + "/events", this::events);
    routes.get(SERVICE + "/events/{type}/properties", this::eventProperties);
    routes.get(SERVICE + "/deprecation", this::deprecation);
    routes.get(SERVICE + "/inventory", this::inventory);
  }

  private void commands(Context ctx) {
    Request r = request(ctx);
    int limit = AnalyticsParameters.limit(ctx.queryParam("limit"));
    RunFilter filter = runFilter(ctx);
    ctx.json(new AnalyticsReports.Commands(r.service, r.from(), r.to(), filter.version(), filter.ci(),
        analytics.get().commands(r.service, r.range, limit, filter)));
  }

  private void releases(Context ctx) {
    Request r = request(ctx);
    RunFilter filter = runFilter(ctx);
    Analytics.Releases releases = analytics.get().releases(r.service, r.range, filter);
    ctx.json(new AnalyticsReports.Releases(r.service, r.from(), r.to(), filter.version(), filter.ci(),
        releases.versions(), releases.regressions()));
  }

  private static RunFilter runFilter(Context ctx) {
    return AnalyticsParameters.runFilter(ctx.queryParam("version"), ctx.queryParam("ci"));
  }

  private void options(Context ctx) {
    Request r = request(ctx);
    String command = ctx.pathParam("command");
    Analytics.CommandOptions options = analytics.get().options(r.service, command, r.range);
    ctx.json(new AnalyticsReports.Options(r.service, command, r.from(), r.to(), options.runs(), options.options()));
  }

  private void activeUsers(Context ctx) {
    Request r = request(ctx);
    Interval interval = AnalyticsParameters.interval(ctx.queryParam("interval"));
    ctx.json(new AnalyticsReports.Users(r.service, r.from(), r.to(), interval.name().toLowerCase(Locale.ROOT),
        analytics.get().activeUsers(r.service, r.range, interval)));
  }

  private void versions(Context ctx) {
    Request r = request(ctx);
    Analytics.VersionAdoption versions = analytics.get().versions(r.service, r.range);
    ctx.json(new AnalyticsReports.Versions(r.service, r.from(), r.to(), versions.totals(), versions.days()));
  }

  private void platforms(Context ctx) {
    Request r = request(ctx);
    Analytics.Platforms platforms = analytics.get().platforms(r.service, r.range);
    ctx.json(new AnalyticsReports.Platforms(r.service, r.from(), r.to(), platforms.os(), platforms.arch(),
        platforms.javaVersion()));
  }

  private void features(Context ctx) {
    Request r = request(ctx);
    Analytics.Usage usage = analytics.get().features(r.service, r.range);
    ctx.json(new AnalyticsReports.Features(r.service, r.from(), r.to(), usage.features(), usage.methods()));
  }

  private void failures(Context ctx) {
    Request r = request(ctx);
    RunFilter filter = runFilter(ctx);
    Interval interval = AnalyticsParameters.optionalInterval(ctx.queryParam("interval"));
    ctx.json(new AnalyticsReports.Failures(r.service, r.from(), r.to(), filter.version(), filter.ci(),
        interval == null ? null : interval.name().toLowerCase(Locale.ROOT),
        analytics.get().failures(r.service, r.range, filter),
        interval == null ? null : analytics.get().failurePeriods(r.service, r.range, filter, interval)));
  }

  private void events(Context ctx) {
    Request r = request(ctx);
    ctx.json(new AnalyticsReports.Events(r.service, r.from(), r.to(), analytics.get().customEvents(r.service, r.range)));
  }

  private void eventProperties(Context ctx) {
    Request r = request(ctx);
    String type = ctx.pathParam("type");
    String name = ctx.queryParam("name");
    name = name == null || name.isEmpty() ? null : name;
    int limit = AnalyticsParameters.limit(ctx.queryParam("limit"));
    Analytics.EventProperties properties = analytics.get().eventProperties(r.service, type, name, r.range, limit);
    ctx.json(new AnalyticsReports.EventProperties(r.service, r.from(), r.to(), type, name, properties.events(),
        properties.properties()));
  }

  private void deprecation(Context ctx) {
    Request r = request(ctx);
    String version = AnalyticsParameters.version(ctx.queryParam("version"));
    Analytics.Deprecation spread = analytics.get().deprecation(r.service, r.range, version);
    ctx.json(new AnalyticsReports.Deprecation(r.service, r.from(), r.to(), version, spread.users(),
        spread.javaMajor(), spread.os(), spread.arch(), spread.osArch()));
  }

  private void inventory(Context ctx) {
    Request r = request(ctx);
    String version = AnalyticsParameters.version(ctx.queryParam("version"));
    ctx.json(new AnalyticsReports.Inventory(r.service, r.from(), r.to(), version,
        analytics.get().inventory(r.service, r.range, version)));
  }

  private void summary(Context ctx) {
    Request r = request(ctx);
    Analytics.Summary summary = analytics.get().summary(r.service, r.range);
    ctx.json(new AnalyticsReports.Summary(r.service, r.from(), r.to(), summary.events(), summary.runs(),
        summary.activeUsers(), summary.successRate(), summary.failedRuns(), summary.ciRuns(), summary.ciShare()));
  }

  /** The service and range every per-service report needs: range first (400), then service (404). */
  private Request request(Context ctx) {
    DateRange range = AnalyticsParameters.range(ctx.queryParam("from"), ctx.queryParam("to"), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    String service = ctx.pathParam("service");
    if (!Identifiers.isServiceName(service) || !analytics.get().hasService(service)) {
      throw RequestRejectedException.notFound("service", "is unknown: no event of it is stored");
    }
    return new Request(service, range);
  }

  private record Request(String service, DateRange range) {
    String from() {
      return range.from().toString();
    }

    String to() {
      return range.to().toString();
    }
  }
}

package dev.telemetrykit.collector.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's chart library, uPlot, served from its webjar on the classpath under stable paths
 * ({@code /vendor/uplot.js}, {@code /vendor/uplot.css}), so the page works offline and does not
 * name the webjar's version. The dashboard's own files are static files (see {@link CollectorApp}).
 * Neither holds data: every number comes from the guarded {@code /api/}.
 */
public final class DashboardRoutes implements RouteGroup {
  private static final String WEBJAR = "META-INF/resources/webjars/uplot/";
  private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  /** Served path to the file inside the webjar's {@code dist/}, and its content type. */
  private static final Map<String, String[]> FILES = Map.of(
      "/vendor/uplot.js", new String[] {"uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "/vendor/uplot.css", new String[] {"uPlot.min.css", "text/css; charset=utf-8"});

  private final String distDirectory;

  private DashboardRoutes(String distDirectory) {
    this.distDirectory = distDirectory;
  }

  /** Finds the uPlot webjar on the classpath; fails at start, not on the first page view, when it is missing. */
  public static DashboardRoutes fromClasspath() {
    ClassLoader loader = DashboardRoutes.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("the uPlot webjar (org.webjars.npm:uplot) is not on the classpath: "
            + "add it to collector-lite's dependencies");
      }
      Properties pom = new Properties();
      pom.load(in);
      return new DashboardRoutes(WEBJAR + pom.getProperty("version") + "/dist/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void addTo(RoutesConfig routes) {
    FILES.forEach((path, file) -> routes.get(path, ctx -> serve(ctx, file[0], file[1])));
  }

  private void serve(Context ctx, String file, String contentType) throws IOException {
    InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(distDirectory + file);
    if (in == null) {
      throw new NotFoundResponse();
    }
    try (in) {
      // The file changes only with the webjar's version, i.e. with a new collector build.
      ctx.header("Cache-Control", "public, max-age=3600").contentType(contentType).result(in.readAllBytes());
    }
  }
}

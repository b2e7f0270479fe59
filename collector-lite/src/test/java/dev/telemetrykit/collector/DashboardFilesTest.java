package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's files hold no data, so they are public even with an admin token; the data is not.
 * Every response carries the headers that keep the page out of frames and other origins' scripts.
 */
class DashboardFilesTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass(config -> config.withAdminToken("admin-token-for-dashboard-files"));

  @ParameterizedTest
  @CsvSource({
      "/, text/html",
      "/dashboard.js, text/javascript",
      "/charts.js, text/javascript",
      "/dashboard.css, text/css",
      "/vendor/uplot.js, text/javascript",
      "/vendor/uplot.css, text/css"})
  void pageAndChartLibraryAreServedWithoutTheToken(String path, String contentType) {
    Response response = collector.get(path);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/dashboard.js", "/vendor/uplot.js", "/api/services", "/health"})
  void everyResponseForbidsFramingSniffingReferrersAndScriptsFromElsewhere(String path) {
    Response response = collector.get(path);

    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval"));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void theDataBehindThePageStillNeedsTheToken() {
    assertThat(collector.get("/api/services").status()).isEqualTo(401);
  }

  @Test
  void onlyTheTwoChartLibraryFilesAreServedFromTheWebjar() {
    assertThat(collector.get("/vendor/uPlot.d.ts").status()).isEqualTo(404);
    assertThat(collector.get("/vendor/../META-INF/maven/org.webjars.npm/uplot/pom.xml").status()).isEqualTo(404);
  }
}

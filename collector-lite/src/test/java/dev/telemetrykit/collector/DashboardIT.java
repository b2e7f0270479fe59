package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.HeadlessChromium;
import dev.telemetrykit.collector.support.KnownEvents;
import dev.telemetrykit.collector.support.RunningCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a collector holding {@link KnownEvents}: the numbers
 * shown are the seeded truth for each range and service, every chart draws, and with an admin token
 * no number is shown until the token is entered. The collector's clock reads 2026-11-25, so the
 * default range (30 days) holds all known days and "7 days" only 2026-11-23 and 2026-11-24.
 *
 * <p>Writes a screenshot to {@code target/dashboard.png}; with {@code -Ddashboard.screenshot=<path>}
 * also there (the README's image: {@code -Ddashboard.screenshot=../docs/dashboard.png}).
 */
class DashboardIT {
  private static final String TOKEN = "dashboard-admin-token-for-tests";
  private static final List<String> CHARTS = List.of("chart-activity", "chart-versions", "chart-os", "chart-arch",
      "chart-java", "chart-features", "chart-methods", "chart-failures");

  private static RunningCollector open;
  private static RunningCollector guarded;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void startCollectorsAndBrowser(@TempDir Path openDirectory, @TempDir Path guardedDirectory) {
    chromium = HeadlessChromium.start(1280, 2300, System.getenv());
    browser = chromium.driver();
    // Runs in every page before its own scripts, so that no Content-Security-Policy violation is missed.
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "window.cspViolations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    open = seeded(RunningCollector.start(openDirectory));
    guarded = seeded(RunningCollector.start(guardedDirectory, config -> config.withAdminToken(TOKEN)));
  }

  private static RunningCollector seeded(RunningCollector collector) {
    for (ObjectNode batch : KnownEvents.batches()) {
      assertThat(collector.postJson(Batches.bytes(batch)).status()).isEqualTo(200);
    }
    return collector;
  }

  @AfterAll
  static void stopAll() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      for (RunningCollector collector : new RunningCollector[] {open, guarded}) {
        if (collector != null) {
          collector.close();
        }
      }
    }
  }

  @Test
  void headlineNumbersAreTheSeededTruthForTheBusiestService() {
    openDashboard(open);

    assertThat(new Select(byId("service")).getFirstSelectedOption().getDomProperty("value")).isEqualTo("sample-cli");
    expectHeadline("10", "3", "60.0%");
    assertThat(text("stat-failed")).isEqualTo("4");
    assertThat(text("stat-events")).isEqualTo("16");
    assertThat(text("range-note")).contains("2026-10-27 to 2026-11-25");
  }

  @Test
  void everyChartDrawsOnANonEmptyCanvas() throws IOException {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");

    for (String chart : CHARTS) {
      WebElement canvas = wait(Duration.ofSeconds(10)).until(
          ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + chart + " canvas")));
      assertThat(canvas.getSize().getWidth()).as(chart + " width").isPositive();
      assertThat(canvas.getSize().getHeight()).as(chart + " height").isPositive();
      assertThat(paintedPixels(canvas)).as(chart + " painted pixels").isPositive();
    }
    saveScreenshot();
  }

  @Test
  void theWholeDashboardWorksUnderItsContentSecurityPolicyWhichBlocksInlineScript() {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");
    wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-failures canvas")));
    byId("commands-table").findElements(By.cssSelector("tbody tr")).get(1).click();
    expectText("options-command", "deploy");

    assertThat(script("return window.cspViolations")).as("violations while drawing").asList().isEmpty();
    script("const s = document.createElement('script'); s.textContent = 'window.injected = true';"
        + " document.body.appendChild(s);");
    assertThat(script("return window.injected === true")).isEqualTo(false);
    assertThat(script("return window.cspViolations")).asList().singleElement().asString().startsWith("script-src");
  }

  @Test
  void topCommandsTableAndOptionDrillDownShowTheSeededRuns() {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");

    List<WebElement> rows = browser.findElements(By.cssSelector("#commands-table tbody tr"));
    assertThat(rows).extracting(row -> row.getDomAttribute("data-command")).containsExactly("build", "deploy");
    assertThat(cells(rows.get(0))).containsExactly("build", "7", "57.1%", "29 ms", "939 ms");
    expectText("options-runs", "7 runs");
    assertThat(text("options-table")).contains("--target", "jar × 2", "native × 1", "--verbose");

    rows.get(1).click();
    expectText("options-command", "deploy");
    expectText("options-runs", "3 runs");
    assertThat(text("options-table")).contains("--env", "prod × 2", "eu × 2");
  }

  @Test
  void changingTheRangeChangesTheNumbers() {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");

    browser.findElement(By.cssSelector(".preset[data-days='7']")).click();
    // 2026-11-19 to 2026-11-25: events 8, 9, 10 (bob ok, alice ok, alice failed) and bob's two method calls
    expectHeadline("3", "2", "66.7%");
    assertThat(text("stat-events")).isEqualTo("5");

    setRange("2026-11-16", "2026-11-17");
    // events 1 to 7: four of seven runs succeeded; alice, bob and carol
    expectHeadline("7", "3", "57.1%");

    browser.findElement(By.cssSelector(".preset[data-days='90']")).click();
    expectHeadline("10", "3", "60.0%");
    assertThat(text("range-note")).contains("2026-08-28 to 2026-11-25");
  }

  @Test
  void switchingTheServiceChangesTheNumbers() {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");

    new Select(byId("service")).selectByValue("acme-db");
    expectHeadline("1", "1", "100.0%");
    assertThat(browser.findElements(By.cssSelector("#commands-table tbody tr")))
        .extracting(row -> row.getDomAttribute("data-command")).containsExactly("query");
    // acme-db has no feature events: the chart gives way to a hint on how to send them
    assertThat(byId("chart-features").findElements(By.tagName("canvas"))).isEmpty();
    assertThat(text("reports")).contains("Telemetry.trackFeature");

    new Select(byId("service")).selectByValue("sample-cli");
    expectHeadline("10", "3", "60.0%");
  }

  @Test
  void withAnAdminTokenNoNumberIsShownUntilTheTokenIsEntered() {
    browser.get(guarded.collector().uri() + "/");
    wait(Duration.ofSeconds(10)).until(d -> "token".equals(bodyState()));
    assertThat(byId("token-panel").isDisplayed()).isTrue();
    assertThat(byId("dashboard").isDisplayed()).isFalse();
    assertThat(text("stat-runs")).isIn("", "–");

    submitToken("not-the-token");
    wait(Duration.ofSeconds(10)).until(d -> text("token-message").contains("not accepted"));
    assertThat(bodyState()).isEqualTo("token");
    assertThat(byId("dashboard").isDisplayed()).isFalse();

    submitToken(TOKEN);
    expectHeadline("10", "3", "60.0%");
    assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);
    assertThat(script("return sessionStorage.getItem('telemetry-kit.admin-token')")).isEqualTo(TOKEN);

    script("sessionStorage.setItem('telemetry-kit.admin-token', 'a-token-revoked-meanwhile')");
    new Select(byId("service")).selectByValue("acme-db");
    wait(Duration.ofSeconds(10)).until(d -> "token".equals(bodyState()));
    assertThat(text("token-message")).contains("not accepted");
    script("sessionStorage.clear()");
  }

  @Test
  void aCollectorWithoutEventsTellsTheAuthorHowToSendTheFirstOne(@TempDir Path directory) {
    try (RunningCollector empty = RunningCollector.start(directory)) {
      browser.get(empty.collector().uri() + "/");
      wait(Duration.ofSeconds(10)).until(d -> "welcome".equals(bodyState()));

      assertThat(text("welcome")).contains("telemetry enable", "telemetry flush", "README", empty.collector().uri().toString());
      assertThat(byId("dashboard").isDisplayed()).isFalse();
    }
  }

  @Test
  void aRangeWithoutEventsSaysSoInsteadOfDrawingEmptyCharts() {
    openDashboard(open);
    expectHeadline("10", "3", "60.0%");

    setRange("2026-11-18", "2026-11-22");
    expectHeadline("0", "0", "–");
    assertThat(text("range-empty")).contains("No events in this range", "telemetry flush");
    assertThat(byId("reports").isDisplayed()).isFalse();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void openDashboard(RunningCollector collector) {
    browser.get(collector.collector().uri() + "/");
    wait(Duration.ofSeconds(15)).until(d -> "ready".equals(bodyState()));
  }

  private static void expectHeadline(String runs, String users, String successRate) {
    // Waits for all three at once: the numbers change together when a new range or service loads.
    wait(Duration.ofSeconds(10))
        .withMessage(() -> "expected runs/users/success " + runs + " " + users + " " + successRate + ", page shows "
            + text("stat-runs") + " " + text("stat-users") + " " + text("stat-success") + " (" + bodyState() + ")")
        .until(d -> "ready".equals(bodyState()) && runs.equals(text("stat-runs"))
        && users.equals(text("stat-users")) && successRate.equals(text("stat-success")));
  }

  private static void expectText(String id, String expected) {
    wait(Duration.ofSeconds(10)).until(d -> expected.equals(text(id)));
  }

  private static void setRange(String from, String to) {
    // Date inputs take typed keys in the browser's locale format; setting the value is exact.
    ((JavascriptExecutor) browser).executeScript(
        "const f = document.getElementById('from'), t = document.getElementById('to');"
            + "f.value = arguments[0]; t.value = arguments[1];"
            + "t.dispatchEvent(new Event('change', {bubbles: true}));", from, to);
  }

  private static void submitToken(String token) {
    WebElement input = byId("token-input");
    input.clear();
    input.sendKeys(token);
    byId("token-submit").click();
  }

  private static long paintedPixels(WebElement canvas) {
    Object painted = ((JavascriptExecutor) browser).executeScript(
        "const c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n;", canvas);
    return ((Number) painted).longValue();
  }

  private static void saveScreenshot() throws IOException {
    byte[] png = browser.getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", "dashboard.png"), png);
    String copy = System.getProperty("dashboard.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.write(Path.of(copy), png);
    }
  }

  private static Object script(String javascript) {
    return ((JavascriptExecutor) browser).executeScript(javascript);
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  private static String bodyState() {
    return browser.findElement(By.tagName("body")).getDomAttribute("data-state");
  }

  private static WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private static String text(String id) {
    return byId(id).getText();
  }

  private static WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(browser, timeout);
  }

}

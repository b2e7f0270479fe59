package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.storage.EventStore;
import dev.telemetrykit.collector.support.HeadlessChromium;
import dev.telemetrykit.collector.support.ReleaseHistory;
import dev.telemetrykit.collector.support.RunningCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The release health panel in headless Chromium, over {@link ReleaseHistory} seed 1 (about 45,000
 * events, 2026-09-26 to 2026-11-24, stored into the collector's database before it starts): the
 * planted regressions are shown in words and their versions flagged in the versions table.
 * Writes {@code target/release-health.png}; with {@code -Drelease-health.screenshot=<path>} also there.
 */
class ReleaseHealthDashboardIT {
  private static RunningCollector collector;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;

  @BeforeAll
  static void start(@TempDir Path directory) {
    try (EventStore store = EventStore.open("jdbc:sqlite:" + directory.resolve("collector.db"))) {
      ReleaseHistory.generate(1).batches().forEach(store::store);
    }
    collector = RunningCollector.start(directory);
    chromium = HeadlessChromium.start(1280, 1600, System.getenv());
    browser = chromium.driver();
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (chromium != null) {
        chromium.close();
      }
    } finally {
      if (collector != null) {
        collector.close();
      }
    }
  }

  @Test
  void aFlakierDeployIsShownInWordsAndItsVersionFlagged() throws IOException {
    show("deployer");

    assertThat(regressions()).containsExactly(
        "1.6.0: deploy fails 1.87× as often as 1.5.0 (5.0% → 9.4%), 2,094 runs");
    List<WebElement> rows = browser.findElements(By.cssSelector("#releases-table tbody tr"));
    assertThat(rows).extracting(row -> row.getDomAttribute("data-version"))
        .containsExactly("2.0.0", "1.7.0", "1.6.0", "1.5.0");
    assertThat(rows.get(2).getDomProperty("className")).contains("flagged");
    assertThat(rows.get(2).getText()).startsWith("1.6.0 (regression)");
    assertThat(rows.get(1).getDomProperty("className")).doesNotContain("flagged");
    assertThat(browser.findElement(By.id("latest-share")).getText()).startsWith("On the latest version (2.0.0)");
    screenshot();
  }

  @Test
  void aSlowerPushIsShownForItsService() {
    show("acme-cli");

    assertThat(regressions()).containsExactly("3.3.0: push p50 1.65× slower than 3.2.0 (846 ms → 1,400 ms), 702 runs");
  }

  @Test
  void aServiceWithoutRegressionsSaysSo() {
    show("dbtool");

    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.findElement(By.id("regressions-none")).isDisplayed());
    assertThat(regressions()).isEmpty();
  }

  private static void show(String service) {
    browser.get(collector.collector().uri() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state")));
    new Select(browser.findElement(By.id("service"))).selectByValue(service);
    browser.findElement(By.cssSelector(".preset[data-days='90']")).click(); // the whole history
    wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-state"))
        && d.findElement(By.id("range-note")).getText().startsWith(service + " · 2026-08-28"));
  }

  private static List<String> regressions() {
    return browser.findElements(By.cssSelector("#regressions li")).stream().map(WebElement::getText).toList();
  }

  private static void screenshot() throws IOException {
    WebElement panel = browser.findElement(By.id("releases-panel"));
    byte[] png = panel.getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", "release-health.png"), png);
    String copy = System.getProperty("release-health.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.write(Path.of(copy), png);
    }
  }
}

package dev.telemetrykit.collector.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile in a temp
 * directory. Skips the calling tests when Chromium is not installed on a developer machine; fails
 * them on CI (environment variable {@code CI} set), where {@code .ci/run} installs it.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts Chromium with a window of {@code width} x {@code height} CSS pixels. */
  public static HeadlessChromium start(int width, int height, Map<String, String> env) {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (!installed && env.get("CI") == null) {
      Assumptions.abort("Chromium is not installed (" + BROWSER + ", " + DRIVER + "): skipping the browser tests. "
          + "Install with: apt-get install -y chromium chromium-driver");
    }
    if (!installed) {
      throw new IllegalStateException("CI is set but " + BROWSER + " or " + DRIVER
          + " is missing: .ci/run must apt-get install chromium chromium-driver");
    }
    try {
      Path profile = Files.createTempDirectory("dashboard-chromium");
      ChromeOptions options = new ChromeOptions()
          .setBinary(BROWSER.toFile())
          .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
      // An explicit driver keeps Selenium Manager (which would go to the network) out of it.
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(DRIVER.toString()))
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new HeadlessChromium(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}

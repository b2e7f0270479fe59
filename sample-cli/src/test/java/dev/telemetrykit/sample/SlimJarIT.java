package dev.telemetrykit.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.OSInfo;

/**
 * The recipe of docs/footprint.md: the shaded jar with the excludes of the doc's shade filter
 * (read from the doc, so the two cannot drift apart) still uploads on a kept platform, and on a
 * dropped platform leaves the app as it was while the upload commands fail in one line.
 */
class SlimJarIT {
  private static final Path DOC = Path.of("..", "docs", "footprint.md").toAbsolutePath();
  /** Measured: 4,735,166 bytes with the doc's filter; the full jar is 13.5 MB. */
  private static final long MAX_SLIM_BYTES = 5_000_000;
  private static final String PLATFORM = OSInfo.getNativeLibFolderPathForCurrentOS();
  private static final String PLATFORM_NATIVES = "org/sqlite/native/" + PLATFORM + "/**";
  private static final List<List<String>> APP_COMMANDS = List.of(
      List.of("build", "--target", "prod"),
      List.of("deploy", "--region", "eu-west-1", "--dry-run"),
      List.of("doctor"),
      List.of("remote", "list"),
      List.of("--help"),
      List.of("build", "--no-such-option"));

  @TempDir Path dir;

  @Test
  void slimJarWithThisPlatformsLibraryUploadsToTheCollector() throws Exception {
    Path slim = slimJar("slim.jar", documentedExcludes());
    assertThat(Files.size(slim)).as("the slim jar's size").isLessThan(MAX_SLIM_BYTES);
    try (ZipFile jar = new ZipFile(slim.toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .as("the recipe keeps this machine's platform, %s", PLATFORM)
          .anyMatch(name -> name.startsWith("org/sqlite/native/" + PLATFORM + "/") && !name.endsWith("/"));
    }
    try (RunningCollector collector = RunningCollector.start(dir)) {
      ShippedCli cli = cli(slim, "slim").env("TELEMETRY_KIT_ENDPOINT", collector.url());
      assertThat(cli.run(Map.of(), "telemetry", "enable").exitCode()).isZero();
      assertThat(cli.run(Map.of(), "build", "--target", "prod").exitCode()).isZero();

      ShippedCli.Run.Result flush = cli.run(Map.of(), "telemetry", "flush");

      assertThat(flush.exitCode()).as("flush: %s%s", flush.stdout(), flush.stderr()).isZero();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(collector.get("/api/services/sample-cli/commands")).contains("\"command\":\"build\",\"count\":1"));
    }
  }

  @Test
  void slimJarWithoutThisPlatformsLibraryLeavesTheAppAsItWasAndFlushFailsInOneLine() throws Exception {
    List<String> excludes = new ArrayList<>(documentedExcludes());
    excludes.add(PLATFORM_NATIVES);
    Path slim = slimJar("no-native.jar", excludes);
    ShippedCli full = cli(ShippedCli.JAR, "full");
    ShippedCli stripped = cli(slim, "no-native");
    for (ShippedCli cli : List.of(full, stripped)) {
      assertThat(cli.run(Map.of(), "telemetry", "enable").exitCode()).isZero();
    }

    for (List<String> args : APP_COMMANDS) {
      ShippedCli.Run.Result expected = full.run(Map.of(), args.toArray(String[]::new));
      ShippedCli.Run.Result actual = stripped.run(Map.of(), args.toArray(String[]::new));
      assertThat(actual.stdout()).as("stdout of %s", args).isEqualTo(expected.stdout());
      assertThat(actual.stderr()).as("stderr of %s", args).isEqualTo(expected.stderr());
      assertThat(actual.exitCode()).as("exit code of %s", args).isEqualTo(expected.exitCode());
    }

    ShippedCli.Run.Result flush = stripped.run(Map.of(), "telemetry", "flush");
    assertThat(flush.exitCode()).isEqualTo(1);
    assertThat(flush.stdout()).isEmpty();
    assertThat(flush.stderr().lines().toList()).singleElement().asString()
        .startsWith("Nothing was sent: could not use the queue: this build has no SQLite native library for " + PLATFORM + " (")
        .endsWith("). It stays as it is.");

    ShippedCli.Run.Result status = stripped.run(Map.of(), "telemetry", "status");
    assertThat(status.stderr()).isEmpty();
    assertThat(status.stdout()).contains("the queue cannot be opened: this build has no SQLite native library for " + PLATFORM);
  }

  @Test
  void jarWithoutJlinesNativeLibrariesStillShowsTheConsentBoxAndKeepsTheAnswer() throws Exception {
    Path slim = slimJar("no-jline-native.jar", List.of("org/jline/nativ/**"));
    SampleCliJar cli = SampleCliJar.in(dir);
    // SampleCliJar's shell command, with the stripped jar in place of the full one.
    String command = cli.command("build", "--target", "prod").replace(ShippedCli.JAR.toString(), slim.toString());
    try (TmuxTerminal terminal = TmuxTerminal.start(80, 50, dir, command)) {
      assertThat(terminal.awaitText(ConsentBoxText.KEYS)).contains(ConsentBoxText.TITLE);

      terminal.type("y");

      assertThat(terminal.awaitExitCode()).isZero();
      assertThat(terminal.screen())
          .containsSubsequence(ConsentBoxText.TITLE, ConsentBoxText.KEYS, ConsentBoxText.THANKS, "Built project for prod.")
          .doesNotContain("Exception", "WARNING");
      assertThat(terminal.linesBeforeExitCode()).last().isEqualTo("Built project for prod.");
    }
    assertThat(cli.home().consentState()).contains("granted");
  }

  /** The exclude patterns of the sqlite-jdbc shade filter in docs/footprint.md. */
  private static List<String> documentedExcludes() throws IOException {
    String doc = Files.readString(DOC);
    Matcher block = Pattern.compile("```xml\\n(<filter>.*?org\\.xerial:sqlite-jdbc.*?</filter>)\\n```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("the sqlite-jdbc filter block in %s", DOC).isTrue();
    List<String> excludes = new ArrayList<>();
    Matcher exclude = Pattern.compile("<exclude>([^<]+)</exclude>").matcher(block.group(1));
    while (exclude.find()) {
      excludes.add(exclude.group(1));
    }
    assertThat(excludes).isNotEmpty();
    return excludes;
  }

  /** A copy of the shaded jar without the entries that {@code excludes} (shade's glob patterns) match. */
  private Path slimJar(String name, List<String> excludes) throws IOException {
    List<PathMatcher> matchers = excludes.stream().map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
    Path slim = dir.resolve(name);
    try (ZipFile full = new ZipFile(ShippedCli.JAR.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slim))) {
      for (ZipEntry entry : full.stream().toList()) {
        Path path = Path.of(entry.getName());
        if (matchers.stream().anyMatch(m -> m.matches(path))) {
          continue;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        try (var in = full.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return slim;
  }

  private ShippedCli cli(Path jar, String form) throws IOException {
    Path home = Files.createDirectories(dir.resolve(form));
    return ShippedCli.of(form, home, List.of(ShippedCli.JAVA.toString(), "-jar", jar.toString()))
        .env("TELEMETRY_KIT_ENDPOINT", "http://127.0.0.1:9");
  }
}

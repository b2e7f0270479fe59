package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: options, environment variables and the start-up line. */
class CollectorMainTest {
  @TempDir
  Path dir;

  @Test
  void builtInDefaultsApplyWithoutEnvironment() {
    CollectorConfig config = parse(Map.of());

    assertThat(config).isEqualTo(new CollectorConfig(8080, "127.0.0.1", "jdbc:sqlite:collector.db", 400));
  }

  @Test
  void environmentVariablesReplaceTheDefaults() {
    CollectorConfig config = parse(Map.of(
        "COLLECTOR_PORT", "9999",
        "COLLECTOR_BIND", "0.0.0.0",
        "COLLECTOR_DB", "jdbc:postgresql://db/telemetry",
        "COLLECTOR_RETENTION_DAYS", "30"));

    assertThat(config).isEqualTo(new CollectorConfig(9999, "0.0.0.0", "jdbc:postgresql://db/telemetry", 30));
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    CollectorConfig config = parse(Map.of("COLLECTOR_PORT", "9999", "COLLECTOR_DB", "jdbc:sqlite:env.db"),
        "--port", "7000", "--db", "jdbc:sqlite:flag.db");

    assertThat(config.port()).isEqualTo(7000);
    assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:flag.db");
  }

  @Test
  void blankEnvironmentVariableIsIgnored() {
    assertThat(parse(Map.of("COLLECTOR_PORT", " ")).port()).isEqualTo(8080);
  }

  @Test
  void unsupportedDatabaseIsAUsageErrorNamingTheSupportedOnes() {
    Run run = execute("--port", "0", "--db", "jdbc:mysql://localhost/events");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("jdbc:sqlite:").contains("jdbc:postgresql:");
    assertThat(run.out).isEmpty();
  }

  @Test
  void portOutOfRangeIsAUsageError() {
    Run run = execute("--port", "70000");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--port");
  }

  @Test
  void startPrintsExactlyOneLineWithTheUrlAndServes() throws Exception {
    Path database = dir.resolve("c.db");
    Run run = execute("--port", "0", "--db", "jdbc:sqlite:" + database);
    try {
      assertThat(run.exitCode).isZero();
      Matcher line = Pattern.compile("collector-lite listening on (http://127\\.0\\.0\\.1:\\d+) \\(storage: sqlite "
          + Pattern.quote(database.toString()) + "\\)" + System.lineSeparator()).matcher(run.out);
      assertThat(line.matches()).as(run.out).isTrue();
      assertThat(run.err).isEmpty();

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(line.group(1) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    } finally {
      if (run.main.collector() != null) {
        run.main.collector().close();
      }
    }
  }

  @Test
  void securityOptionsComeFromTheEnvironment() {
    CollectorConfig config = parse(Map.of(
        "COLLECTOR_ADMIN_TOKEN", "admin-token-from-env",
        "COLLECTOR_INGEST_KEYS", "sample-cli=key-of-sample-cli-1,acme-db=key-of-acme-db-12",
        "COLLECTOR_RATE_LIMIT", "30"));

    assertThat(config.adminToken()).isEqualTo("admin-token-from-env");
    assertThat(config.ingestKeys()).isEqualTo(Map.of("sample-cli", "key-of-sample-cli-1", "acme-db", "key-of-acme-db-12"));
    assertThat(config.rateLimitPerMinute()).isEqualTo(30);
  }

  @Test
  void ingestKeyFlagIsRepeatableAndReplacesTheVariable() {
    CollectorConfig config = parse(Map.of("COLLECTOR_INGEST_KEYS", "other=key-of-other-service"),
        "--ingest-key", "sample-cli=key-of-sample-cli-1", "--ingest-key", "acme-db=key-of-acme-db-12");

    assertThat(config.ingestKeys()).isEqualTo(Map.of("sample-cli", "key-of-sample-cli-1", "acme-db", "key-of-acme-db-12"));
  }

  @Test
  void shortAdminTokenIsAUsageErrorThatDoesNotRepeatIt() {
    Run run = execute("--port", "0", "--admin-token", "hunter2");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--admin-token").doesNotContain("hunter2");
  }

  @Test
  void ingestKeyForAnInvalidServiceIsAUsageError() {
    Run run = execute("--port", "0", "--ingest-key", "Sample CLI=key-of-sample-cli-1");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--ingest-key").doesNotContain("key-of-sample-cli-1");
  }

  @Test
  void configurationNeverPrintsItsSecrets() {
    CollectorConfig config = parse(Map.of("COLLECTOR_ADMIN_TOKEN", "admin-token-from-env",
        "COLLECTOR_DB", "jdbc:postgresql://db/t?user=c&password=pw", "COLLECTOR_INGEST_KEYS", "sample-cli=key-of-sample-cli-1"));

    assertThat(config.toString()).contains("sample-cli")
        .doesNotContain("admin-token-from-env").doesNotContain("key-of-sample-cli-1").doesNotContain("pw");
  }

  @Test
  void beyondLoopbackAGeneratedTokenIsPrintedOnceAndStillRequiredAfterARestart() throws Exception {
    String[] args = {"--port", "0", "--bind", "0.0.0.0", "--db", "jdbc:sqlite:" + dir.resolve("c.db")};
    Run first = execute(args);
    String token;
    try {
      String[] lines = first.out.split(System.lineSeparator());
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).endsWith("; analytics need the admin token)");
      Matcher printed = Pattern.compile("admin token \\(generated.*\\): ([A-Za-z0-9_-]{43})").matcher(lines[1]);
      assertThat(printed.matches()).as(lines[1]).isTrue();
      token = printed.group(1);
      assertThat(apiStatus(first, token)).isEqualTo(200);
      assertThat(apiStatus(first, null)).isEqualTo(401);
    } finally {
      first.main.collector().close();
    }

    Run second = execute(args);
    try {
      assertThat(second.out.split(System.lineSeparator())).hasSize(1); // the token is not shown again
      assertThat(apiStatus(second, token)).isEqualTo(200);
      assertThat(apiStatus(second, null)).isEqualTo(401);
    } finally {
      second.main.collector().close();
    }
  }

  /** GET /api/services over loopback, with the token when one is given. */
  private static int apiStatus(Run run, String token) throws Exception {
    URI api = URI.create("http://127.0.0.1:" + run.main.collector().uri().getPort() + "/api/services");
    HttpRequest.Builder request = HttpRequest.newBuilder(api);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static CollectorConfig parse(Map<String, String> env, String... args) {
    CommandLine commandLine = CollectorMain.commandLine(env);
    commandLine.parseArgs(args);
    return ((CollectorMain) commandLine.getCommand()).config();
  }

  private record Run(int exitCode, String out, String err, CollectorMain main) {}

  private static Run execute(String... args) {
    CommandLine commandLine = CollectorMain.commandLine(Map.of());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString(), commandLine.getCommand());
  }
}

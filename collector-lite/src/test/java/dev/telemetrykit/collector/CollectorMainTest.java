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

package dev.telemetrykit.collector;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code collector-lite} command: starts a collector and prints one line with its URL.
 *
 * <pre>
 * java -jar collector-lite.jar                       # http://127.0.0.1:8080, SQLite file collector.db
 * java -jar collector-lite.jar --db jdbc:postgresql://db.internal/telemetry?user=collector
 * COLLECTOR_ADMIN_TOKEN=... java -jar collector-lite.jar --bind 0.0.0.0
 * </pre>
 *
 * Every option can also be set by an environment variable, {@code COLLECTOR_} plus its name
 * ({@code COLLECTOR_INGEST_KEYS} for the repeatable {@code --ingest-key}); docs/collector.md lists them.
 */
@Command(name = "collector-lite", sortOptions = false,
    description = "Receives usage events from telemetry-kit clients and stores them.")
public final class CollectorMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8080", paramLabel = "<port>",
      description = "TCP port; 0 picks a free one (env COLLECTOR_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
      description = "Address to listen on (env COLLECTOR_BIND; default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--db", defaultValue = "jdbc:sqlite:collector.db", paramLabel = "<jdbc-url>",
      description = "jdbc:sqlite:<file> or jdbc:postgresql://host[:port]/db[?user=..&password=..]"
          + " (env COLLECTOR_DB; default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = "--retention-days", defaultValue = "400", paramLabel = "<days>",
      description = "Days events are kept; older timestamps are refused"
          + " (env COLLECTOR_RETENTION_DAYS; default: ${DEFAULT-VALUE}).")
  int retentionDays;

  @Option(names = "--admin-token", paramLabel = "<token>",
      description = "Token the analytics API requires (Authorization: Bearer <token>); prefer the variable,"
          + " command lines are visible to other local users (env COLLECTOR_ADMIN_TOKEN; default: none on"
          + " loopback, else one generated at the first start and printed once).")
  String adminToken;

  @Option(names = "--ingest-key", paramLabel = "<service=key>", split = ",",
      description = "Require X-Telemetry-Kit-Key: <key> on POST /events for that service; repeatable"
          + " (env COLLECTOR_INGEST_KEYS=svc=key,svc2=key2; default: none).")
  Map<String, String> ingestKeys;

  @Option(names = "--rate-limit", defaultValue = "" + CollectorConfig.DEFAULT_RATE_LIMIT, paramLabel = "<requests>",
      description = "Requests per minute each client may send to POST /events and DELETE /users; 0: no limit"
          + " (env COLLECTOR_RATE_LIMIT; default: ${DEFAULT-VALUE}).")
  int rateLimit;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  private Collector collector;

  /** Starts the collector; the process runs until it is stopped (Ctrl-C, SIGTERM). */
  public static void main(String[] args) {
    int exitCode = commandLine(System.getenv()).execute(args);
    // On success Jetty's non-daemon threads keep the JVM running until a signal runs the shutdown hook.
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** The command line with defaults taken from {@code env}. */
  static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new CollectorMain()).setDefaultValueProvider(new EnvironmentDefaults(env));
  }

  CollectorConfig config() {
    try {
      return new CollectorConfig(port, bind, database, retentionDays, adminToken, ingestKeys, rateLimit);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The running collector, or null before {@link #call()} succeeded. */
  Collector collector() {
    return collector;
  }

  @Override
  public Integer call() {
    CollectorConfig config = config();
    try {
      collector = Collector.start(config, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (RuntimeException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("collector-lite: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(collector::close, "collector-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("collector-lite listening on " + collector.uri() + " (storage: " + collector.storageDescription()
        + (collector.adminTokenRequired() ? "; analytics need the admin token" : "") + ")");
    // Printed here and nowhere else: only the token's SHA-256 is stored, so this is the one chance to copy it.
    collector.generatedAdminToken().ifPresent(token ->
        out.println("admin token (generated; shown only now, pass it as Authorization: Bearer <token>): " + token));
    out.flush();
    return 0;
  }
}

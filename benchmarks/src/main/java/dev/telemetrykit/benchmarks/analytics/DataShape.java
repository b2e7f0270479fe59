package dev.telemetrykit.benchmarks.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * What the synthetic data looks like: services and their share of events, command names, releases,
 * platforms, exceptions. Fixed lists, so that every run generates the same database from a seed.
 */
final class DataShape {
  /** The last day with events; the benchmark's collector clock reads noon of this day. */
  static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 25);
  static final int DAYS = 90;
  static final int INSTALLATIONS = 25_000;
  /** Popularity of the n-th command of a service is proportional to 1 / n^ZIPF_EXPONENT. */
  static final double ZIPF_EXPONENT = 1.1;
  /** Mean events a user sends on one active stretch (one session). */
  static final double MEAN_EVENTS_PER_SESSION = 18;

  record Service(String name, double share) {}

  /** Skewed like real adoption: the largest service has 45% of the events. */
  static final List<Service> SERVICES = List.of(
      new Service("acme-cli", 0.45),
      new Service("deployer", 0.25),
      new Service("dbtool", 0.15),
      new Service("lintkit", 0.10),
      new Service("notes", 0.05));

  static final List<String> COMMANDS = List.of(
      "build", "test", "run", "deploy", "status", "init", "login", "logout", "push", "pull",
      "sync", "clean", "lint", "format", "package", "publish", "release", "version", "help", "config get",
      "config set", "config list", "env list", "env create", "env delete", "logs", "watch", "serve", "db migrate",
      "db seed", "db backup", "db restore", "cache clear", "plugin install", "plugin list", "plugin remove",
      "doctor", "upgrade", "completion", "search");

  static final List<String> FEATURES = List.of("cache", "export", "import", "remote-config", "templates",
      "parallel", "color-output", "auto-update", "profiles", "proxy", "offline-mode", "interactive");

  static final List<String> METHODS = List.of("Client::connect", "Client::query", "Client::close",
      "Store::open", "Store::flush", "Auth::refresh", "Http::get", "Http::post");

  /** Exception classes of failed runs; a third of failures report none (exit code only). */
  static final List<String> ERRORS = List.of("java.io.IOException", "java.net.ConnectException",
      "java.lang.IllegalStateException", "java.nio.file.NoSuchFileException",
      "java.util.concurrent.TimeoutException", "picocli.CommandLine$ParameterException");

  record Release(String version, int daysBeforeLastDay) {}

  /** Releases every few weeks; users upgrade some days after each (their own lag). */
  static final List<Release> RELEASES = List.of(
      new Release("1.0.0", 160), new Release("1.1.0", 110), new Release("1.2.0", 75),
      new Release("1.3.0", 45), new Release("1.4.0", 20), new Release("2.0.0", 6));

  record Weighted(String value, double weight) {}

  static final List<Weighted> OPERATING_SYSTEMS = List.of(
      new Weighted("linux", 0.55), new Weighted("mac", 0.30), new Weighted("windows", 0.15));
  static final List<Weighted> ARCHITECTURES = List.of(new Weighted("amd64", 0.78), new Weighted("aarch64", 0.22));
  static final List<Weighted> JAVA_VERSIONS = List.of(
      new Weighted("17.0.15", 0.45), new Weighted("21.0.7", 0.40), new Weighted("11.0.27", 0.15));
  static final List<Weighted> OUTPUT_FORMATS = List.of(
      new Weighted("json", 0.5), new Weighted("text", 0.35), new Weighted("yaml", 0.15));

  private DataShape() {}

  /** A one-line description that changes whenever the generated data would: the cache key. */
  static String fingerprint(long events, long seed) {
    return "telemetry-kit analytics benchmark data v1: " + events + " events, seed " + seed + ", " + DAYS
        + " days to " + LAST_DAY + ", " + SERVICES.size() + " services, " + COMMANDS.size() + " commands, "
        + INSTALLATIONS + " installations";
  }
}

package dev.telemetrykit.collector;

import dev.telemetrykit.collector.ingest.Identifiers;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a collector runs; built once from the command line and environment by {@link CollectorMain}.
 *
 * <pre>{@code
 * CollectorConfig config = new CollectorConfig(8080, "0.0.0.0", "jdbc:sqlite:collector.db", 400)
 *     .withAdminToken(System.getenv("COLLECTOR_ADMIN_TOKEN"))
 *     .withIngestKeys(Map.of("sample-cli", "k3y-for-sample-cli-only"));
 * }</pre>
 *
 * @param port TCP port, 0 for any free one
 * @param bind the address to listen on, e.g. {@code 127.0.0.1}
 * @param databaseUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param retentionDays how many days events are kept; older timestamps are refused at ingest
 * @param adminToken the token the analytics API requires, or null (then one is generated when
 *     {@code bind} is not a loopback address)
 * @param ingestKeys keys by service name; a service listed here must send its key
 * @param rateLimitPerMinute requests per minute each client may send to the ingest endpoints; 0: no limit
 */
public record CollectorConfig(int port, String bind, String databaseUrl, int retentionDays, String adminToken,
    Map<String, String> ingestKeys, int rateLimitPerMinute) {
  /** Requests per client and minute when not configured: far above what an SDK sends. */
  public static final int DEFAULT_RATE_LIMIT = 600;
  // Secrets travel in headers: printable ASCII without spaces; 16 characters at least so that
  // nobody guesses them. Commas separate ingest keys in COLLECTOR_INGEST_KEYS.
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{16,256}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]{16,256}");

  /** Checks every value, with messages that name the option to fix and never repeat a secret. */
  public CollectorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
    }
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("--bind must name an address, e.g. 127.0.0.1");
    }
    if (databaseUrl == null || databaseUrl.isBlank()) {
      throw new IllegalArgumentException("--db must be a JDBC URL, e.g. jdbc:sqlite:collector.db");
    }
    if (retentionDays < 1) {
      throw new IllegalArgumentException("--retention-days must be at least 1, was " + retentionDays);
    }
    if (adminToken != null && !TOKEN.matcher(adminToken).matches()) {
      throw new IllegalArgumentException("--admin-token must be 16 to 256 printable ASCII characters without spaces");
    }
    ingestKeys = Map.copyOf(ingestKeys == null ? Map.of() : ingestKeys);
    for (Map.Entry<String, String> key : ingestKeys.entrySet()) {
      if (!Identifiers.isServiceName(key.getKey())) {
        throw new IllegalArgumentException("--ingest-key: '" + key.getKey() + "' is not a service name"
            + " (1 to 64 of a-z, 0-9, '.', '_', '-'); write service=key");
      }
      if (!KEY.matcher(key.getValue()).matches()) {
        throw new IllegalArgumentException("--ingest-key: the key of " + key.getKey()
            + " must be 16 to 256 printable ASCII characters without spaces or commas");
      }
    }
    if (rateLimitPerMinute < 0) {
      throw new IllegalArgumentException("--rate-limit must be 0 (no limit) or more, was " + rateLimitPerMinute);
    }
  }

  /** No admin token given, no ingest keys, the default rate limit. */
  public CollectorConfig(int port, String bind, String databaseUrl, int retentionDays) {
    this(port, bind, databaseUrl, retentionDays, null, Map.of(), DEFAULT_RATE_LIMIT);
  }

  /** This configuration with an admin token (null: none given). */
  public CollectorConfig withAdminToken(String token) {
    return new CollectorConfig(port, bind, databaseUrl, retentionDays, token, ingestKeys, rateLimitPerMinute);
  }

  /** This configuration with ingest keys by service. */
  public CollectorConfig withIngestKeys(Map<String, String> keys) {
    return new CollectorConfig(port, bind, databaseUrl, retentionDays, adminToken, keys, rateLimitPerMinute);
  }

  /** This configuration with a rate limit in requests per client and minute (0: none). */
  public CollectorConfig withRateLimit(int requestsPerMinute) {
    return new CollectorConfig(port, bind, databaseUrl, retentionDays, adminToken, ingestKeys, requestsPerMinute);
  }

  /** Every value but the secrets, which a record would otherwise print. */
  @Override
  public String toString() {
    return "CollectorConfig[port=" + port + ", bind=" + bind + ", db=" + databaseUrl.replaceAll("\\?.*", "?...")
        + ", retentionDays=" + retentionDays + ", adminToken=" + (adminToken == null ? "none" : "(set)")
        + ", ingestKeys=" + new TreeMap<>(ingestKeys).keySet() + ", rateLimitPerMinute=" + rateLimitPerMinute + "]";
  }
}

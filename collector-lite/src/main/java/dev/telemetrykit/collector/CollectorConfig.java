package dev.telemetrykit.collector;

/**
 * How a collector runs; built once from the command line and environment by {@link CollectorMain}.
 *
 * @param port TCP port, 0 for any free one
 * @param bind the address to listen on, e.g. {@code 127.0.0.1}
 * @param databaseUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param retentionDays how many days events are kept; older timestamps are refused at ingest
 */
public record CollectorConfig(int port, String bind, String databaseUrl, int retentionDays) {
  /** Checks every value, with messages that name the option to fix. */
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
  }
}

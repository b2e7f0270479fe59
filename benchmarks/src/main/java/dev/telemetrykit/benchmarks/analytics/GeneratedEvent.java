package dev.telemetrykit.benchmarks.analytics;

/**
 * One synthetic event as a row of the collector's events table (migration V1): the columns the
 * collector fills from the batch and from the well-known metadata keys, and the metadata as JSON.
 * Nullable columns are null for event types without them.
 */
record GeneratedEvent(
    String eventId,
    String service,
    String serviceVersion,
    String eventType,
    String userId,
    String sessionId,
    long ts,
    String day,
    String command,
    Boolean success,
    Long durationMs,
    Integer exitCode,
    String version,
    String os,
    String arch,
    String javaVersion,
    String error,
    String metadataJson) {

  /** The events table's columns in the order of {@link #values()}. */
  static final String COLUMNS = "event_id, service, service_version, event_type, user_id, session_id, ts, day,"
      + " command, success, duration_ms, exit_code, version, os, arch, java_version, error, metadata";
  static final int COLUMN_COUNT = 18;

  Object[] values() {
    return new Object[] {eventId, service, serviceVersion, eventType, userId, sessionId, ts, day, command, success,
        durationMs, exitCode, version, os, arch, javaVersion, error, metadataJson};
  }
}

package dev.telemetrykit.collector.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.ingest.Batch;
import dev.telemetrykit.collector.ingest.Event;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of the events table. The well-known metadata keys get real, indexable columns so that
 * analytics queries do not parse JSON; the full metadata is kept as JSON text beside them.
 */
record EventRow(
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

  private static final ObjectMapper JSON = new ObjectMapper();

  static EventRow of(Batch batch, Event event) {
    return of(batch.serviceName(), batch.serviceVersion(), event);
  }

  /** The row of an event of {@code service}; also rebuilds the row of a stored event from its metadata. */
  static EventRow of(String service, String serviceVersion, Event event) {
    ObjectNode m = event.metadata();
    return new EventRow(
        event.eventId(),
        service,
        serviceVersion,
        event.eventType(),
        event.userId(),
        event.sessionId(),
        event.timestamp(),
        LocalDate.ofInstant(Instant.ofEpochMilli(event.timestamp()), ZoneOffset.UTC).toString(),
        text(m, "command"),
        m.path("success").isBoolean() ? m.get("success").booleanValue() : null,
        integral(m, "duration_ms") && m.get("duration_ms").canConvertToLong() ? m.get("duration_ms").longValue() : null,
        integral(m, "exit_code") && m.get("exit_code").canConvertToInt() ? m.get("exit_code").intValue() : null,
        text(m, "version"),
        text(m, "os"),
        text(m, "arch"),
        text(m, "java_version"),
        text(m, "error"),
        toJson(m));
  }

  /** Binds this row to {@link Dialect#insertSql()}'s parameters. */
  void bindInsert(PreparedStatement insert) throws SQLException {
    int i = 0;
    insert.setString(++i, eventId);
    insert.setString(++i, service);
    insert.setString(++i, serviceVersion);
    insert.setString(++i, eventType);
    insert.setString(++i, userId);
    insert.setString(++i, sessionId);
    insert.setLong(++i, ts);
    insert.setString(++i, day);
    setNullable(insert, ++i, command, Types.VARCHAR);
    setNullable(insert, ++i, success, Types.BOOLEAN);
    setNullable(insert, ++i, durationMs, Types.BIGINT);
    setNullable(insert, ++i, exitCode, Types.INTEGER);
    setNullable(insert, ++i, version, Types.VARCHAR);
    setNullable(insert, ++i, os, Types.VARCHAR);
    setNullable(insert, ++i, arch, Types.VARCHAR);
    setNullable(insert, ++i, javaVersion, Types.VARCHAR);
    setNullable(insert, ++i, error, Types.VARCHAR);
    insert.setString(++i, metadataJson);
  }

  private static void setNullable(PreparedStatement statement, int index, Object value, int sqlType)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType);
    } else {
      statement.setObject(index, value, sqlType);
    }
  }

  private static String text(ObjectNode metadata, String key) {
    JsonNode value = metadata.get(key);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static boolean integral(ObjectNode metadata, String key) {
    return metadata.path(key).isIntegralNumber();
  }

  private static String toJson(ObjectNode metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize validated metadata", e);
    }
  }
}

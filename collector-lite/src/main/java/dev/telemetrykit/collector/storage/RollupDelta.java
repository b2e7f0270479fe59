package dev.telemetrykit.collector.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.analytics.DurationBuckets;
import dev.telemetrykit.collector.ingest.Event;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a set of events adds to (or, when they are deleted, takes from) each rollup table, merged by
 * row key. Keys are kept sorted so that every transaction locks rollup rows in the same order:
 * concurrent writers on PostgreSQL then wait for each other instead of deadlocking.
 */
final class RollupDelta {
  /** The columns {@link #addStored} reads, in a SELECT or a DELETE ... RETURNING. */
  static final String STORED_COLUMNS = "event_id, service, service_version, event_type, user_id, session_id, ts, metadata";
  /**
   * Longest platform or version value kept in the rollups, in code points. Real values are short;
   * the cap keeps every rollup key far below PostgreSQL's index entry limit (about 2.7 kB).
   */
  static final int MAX_DIMENSION_LENGTH = 64;
  /** Durations above this (about 2.2 years) count as this much, so sums never overflow 64 bits. */
  static final long MAX_DURATION_MS = 1L << 36;

  private static final long MILLIS_PER_DAY = 86_400_000L;
  /** Metadata keys every event type may carry: platform, not properties of the event. */
  private static final Set<String> PLATFORM_KEYS = Set.of("version", "os", "arch", "java_version", "ci", "interactive");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<List<Object>> KEY_ORDER = RollupDelta::compareKeys;

  private final int sign;
  private final Map<RollupTable, SortedMap<List<Object>, long[]>> changes = new EnumMap<>(RollupTable.class);

  private RollupDelta(int sign) {
    this.sign = sign;
  }

  /** A delta that adds newly stored events to every table. */
  static RollupDelta forStoredEvents() {
    return new RollupDelta(1);
  }

  /**
   * A delta that subtracts deleted events from the tables without user ids; the caller removes the
   * user's rows from the per-user tables.
   */
  static RollupDelta forDeletedEvents() {
    return new RollupDelta(-1);
  }

  boolean subtracts() {
    return sign < 0;
  }

  /** The merged changes of one table, in key order; the arrays hold one value per count column. */
  SortedMap<List<Object>, long[]> changes(RollupTable table) {
    return changes.getOrDefault(table, new TreeMap<>(KEY_ORDER));
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Adds one event read back from the events table ({@link #STORED_COLUMNS}). */
  void addStored(ResultSet row) throws SQLException {
    ObjectNode metadata;
    try {
      metadata = (ObjectNode) JSON.readTree(row.getString("metadata"));
    } catch (JsonProcessingException e) {
      throw new SQLException("stored metadata of event " + row.getString("event_id") + " is not JSON", e);
    }
    Event event = new Event(row.getString("event_id"), row.getString("event_type"), row.getLong("ts"),
        row.getString("user_id"), row.getString("session_id"), metadata);
    add(EventRow.of(row.getString("service"), row.getString("service_version"), event), metadata);
  }

  /** Adds one event; {@code metadata} is the object {@code row} was made from. */
  void add(EventRow row, JsonNode metadata) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(row.ts(), MILLIS_PER_DAY)); // the UTC day, without parsing row.day()
    String service = row.service();
    String version = dimension(row.version() != null ? row.version() : row.serviceVersion());
    boolean run = "command_executed".equals(row.eventType())
        && row.command() != null && row.success() != null && row.durationMs() != null;

    change(RollupTable.SERVICES, List.of(service, day), 1);
    change(RollupTable.VERSIONS, List.of(service, day, version), 1);
    if (sign > 0) {
      change(RollupTable.USERS, List.of(service, day, row.userId(), version, dimension(row.os()),
          dimension(row.arch()), dimension(row.javaVersion())), 1, run ? 1 : 0);
    }
    usage(row, day, metadata);
    if (run) {
      String command = row.command();
      long duration = Math.min(row.durationMs(), MAX_DURATION_MS);
      int bucket = DurationBuckets.bucketOf(duration);
      int ci = flag(metadata, "ci");
      change(RollupTable.COMMANDS, List.of(service, day, command, bucket), 1, row.success() ? 1 : 0, duration);
      change(RollupTable.RELEASES, List.of(service, day, version, ci, flag(metadata, "interactive"), command, bucket),
          1, row.success() ? 1 : 0, duration);
      options(service, command, day, metadata);
      if (!row.success() || row.error() != null) {
        change(RollupTable.FAILURES, List.of(service, day, version, ci, row.error() == null ? "" : row.error(), command), 1);
      }
    }
  }

  private void usage(EventRow row, LocalDate day, JsonNode metadata) {
    if (row.eventType().equals("inventory")) {
      inventory(row, day, metadata);
      return;
    }
    String kind = switch (row.eventType()) {
      case "command_executed" -> "command";
      case "feature_used" -> "feature";
      case "method_called" -> "method";
      default -> null;
    };
    // Per-user tables only ever add: a deleted user's rows are removed whole (forDeletedEvents).
    if (kind == null) {
      if (sign > 0) {
        change(RollupTable.EVENTS, List.of(row.service(), day, row.eventType(), row.userId()), 1);
      }
      properties(row, day, "", metadata, Set.of());
      return;
    }
    JsonNode name = metadata.get(kind);
    if (!kind.equals("command") && name != null && name.isTextual()) {
      if (sign > 0) {
        change(RollupTable.USAGE, List.of(row.service(), day, kind, name.textValue(), row.userId()), 1);
      }
      properties(row, day, dimension(name.textValue()), metadata, Set.of(kind));
    }
  }

  /** A command of the tool's declared tree, and its options: each counted once per event. */
  private void inventory(EventRow row, LocalDate day, JsonNode metadata) {
    if (row.command() == null) {
      return; // validation requires it; a stored event from before the rule would lack it
    }
    String version = dimension(row.version() != null ? row.version() : row.serviceVersion());
    Set<String> names = new LinkedHashSet<>();
    names.add("");
    metadata.path("options").forEach(option -> {
      if (option.isTextual()) {
        names.add(option.textValue());
      }
    });
    for (String option : names) {
      change(RollupTable.INVENTORY, List.of(row.service(), day, version, row.command(), option), 1);
    }
  }

  /**
   * The event's own properties: every metadata key but the platform ones and {@code typeKeys}.
   * Scalars count as their text, each item of an array on its own, nested objects only as present.
   */
  private void properties(EventRow row, LocalDate day, String name, JsonNode metadata, Set<String> typeKeys) {
    for (Map.Entry<String, JsonNode> property : metadata.properties()) {
      String key = property.getKey();
      if (PLATFORM_KEYS.contains(key) || typeKeys.contains(key)) {
        continue;
      }
      List<Object> present = List.of(row.service(), day, row.eventType(), name, key, 0, "");
      change(RollupTable.PROPERTIES, present, 1);
      Set<String> values = new LinkedHashSet<>();
      JsonNode value = property.getValue();
      if (value.isValueNode()) {
        values.add(dimension(value.asText()));
      }
      value.forEach(item -> {
        if (item.isValueNode()) {
          values.add(dimension(item.asText()));
        }
      });
      for (String text : values) {
        change(RollupTable.PROPERTIES, List.of(row.service(), day, row.eventType(), name, key, 1, text), 1);
      }
    }
  }

  private void options(String service, String command, LocalDate day, JsonNode metadata) {
    // A run counts once per option and value, however often the client listed them.
    Set<String> named = new LinkedHashSet<>();
    metadata.path("options").forEach(option -> {
      if (option.isTextual()) {
        named.add(option.textValue());
      }
    });
    for (String option : named) {
      change(RollupTable.OPTIONS, List.of(service, command, day, option, 0, ""), 1);
    }
    for (Map.Entry<String, JsonNode> option : metadata.path("option_values").properties()) {
      Set<String> values = new LinkedHashSet<>();
      JsonNode value = option.getValue();
      if (value.isTextual()) {
        values.add(value.textValue());
      }
      value.forEach(item -> {
        if (item.isTextual()) {
          values.add(item.textValue());
        }
      });
      for (String text : values) {
        change(RollupTable.OPTIONS, List.of(service, command, day, option.getKey(), 1, text), 1);
      }
    }
  }

  /** Adds everything {@code other} holds; both must add (or both subtract). */
  void addAll(RollupDelta other) {
    if (other.sign != sign) {
      throw new IllegalArgumentException("cannot merge a delta that adds with one that subtracts");
    }
    for (Map.Entry<RollupTable, SortedMap<List<Object>, long[]>> table : other.changes.entrySet()) {
      SortedMap<List<Object>, long[]> mine = changes.computeIfAbsent(table.getKey(), t -> new TreeMap<>(KEY_ORDER));
      for (Map.Entry<List<Object>, long[]> change : table.getValue().entrySet()) {
        long[] sums = mine.computeIfAbsent(change.getKey(), k -> new long[change.getValue().length]);
        for (int i = 0; i < sums.length; i++) {
          sums[i] += change.getValue()[i];
        }
      }
    }
  }

  private void change(RollupTable table, List<Object> key, long... amounts) {
    long[] sums = changes.computeIfAbsent(table, t -> new TreeMap<>(KEY_ORDER))
        .computeIfAbsent(key, k -> new long[table.countColumns()]);
    for (int i = 0; i < amounts.length; i++) {
      sums[i] += sign * amounts[i];
    }
  }

  /** 1 when the metadata says {@code key: true}, else 0 (false or not sent). */
  private static int flag(JsonNode metadata, String key) {
    JsonNode value = metadata.get(key);
    return value != null && value.isBoolean() && value.booleanValue() ? 1 : 0;
  }

  /** '' for a missing value (key columns are NOT NULL), cut to {@link #MAX_DIMENSION_LENGTH}. */
  static String dimension(String value) {
    if (value == null) {
      return "";
    }
    if (value.codePointCount(0, value.length()) <= MAX_DIMENSION_LENGTH) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, MAX_DIMENSION_LENGTH));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int order = ((Comparable) a.get(i)).compareTo(b.get(i)); // same table: same types at each position
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }
}

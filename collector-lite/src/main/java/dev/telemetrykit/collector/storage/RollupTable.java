package dev.telemetrykit.collector.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The daily rollup tables (migrations V2 and V4) and the statements that change them. Every table is keyed
 * by service and day plus its own dimensions, and holds counts that are only ever added to, so the
 * same upsert serves new events (+1) and deleted ones (-1).
 */
enum RollupTable {
  SERVICES("service_daily", List.of("service", "day"), List.of("events"), false),
  COMMANDS("command_daily", List.of("service", "day", "command", "bucket"),
      List.of("runs", "successes", "duration_sum"), false),
  OPTIONS("option_daily", List.of("service", "command", "day", "option_name", "is_value", "option_value"),
      List.of("runs"), false),
  FAILURES("failure_daily", List.of("service", "day", "version", "ci", "error", "command"), List.of("runs"), false),
  USERS("user_daily", List.of("service", "day", "user_id", "version", "os", "arch", "java_version"),
      List.of("events", "runs"), true),
  USAGE("usage_daily", List.of("service", "day", "kind", "name", "user_id"), List.of("uses"), true),
  RELEASES("release_daily", List.of("service", "day", "version", "ci", "interactive", "command", "bucket"),
      List.of("runs", "successes", "duration_sum"), false),
  VERSIONS("version_daily", List.of("service", "day", "version"), List.of("events"), false),
  EVENTS("event_daily", List.of("service", "day", "event_type", "user_id"), List.of("events"), true),
  PROPERTIES("property_daily", List.of("service", "day", "event_type", "name", "property", "is_value", "value"),
      List.of("events"), false),
  INVENTORY("inventory_daily", List.of("service", "day", "version", "command", "option_name"), List.of("events"), false);

  private final String name;
  private final List<String> keys;
  private final List<String> counts;
  private final boolean perUser;

  RollupTable(String name, List<String> keys, List<String> counts, boolean perUser) {
    this.name = name;
    this.keys = keys;
    this.counts = counts;
    this.perUser = perUser;
  }

  String tableName() {
    return name;
  }

  int keyCount() {
    return keys.size();
  }

  int countColumns() {
    return counts.size();
  }

  /**
   * Whether rows carry a user id. A deleted user's rows in such a table are removed outright;
   * the other tables have the user's events subtracted.
   */
  boolean perUser() {
    return perUser;
  }

  /** Adds to a row, creating it when missing; parameters: the keys, then the counts. */
  String upsertSql() {
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(counts);
    return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"
        + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
        + counts.stream().map(c -> c + " = " + name + "." + c + " + excluded." + c).collect(Collectors.joining(", "));
  }

  /**
   * The upsert of {@link #upsertSql()} for many rows at once, one array parameter per column
   * (PostgreSQL): the keys' arrays, typed by {@code keyTypes} (e.g. text, date, integer), then one
   * bigint array per count. The rows' keys must be distinct.
   */
  String upsertManySql(List<String> keyTypes) {
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(counts);
    List<String> arrays = new ArrayList<>();
    keyTypes.forEach(type -> arrays.add("CAST(? AS " + type + "[])"));
    counts.forEach(count -> arrays.add("CAST(? AS bigint[])"));
    return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT * FROM unnest("
        + String.join(", ", arrays) + ")"
        + " ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
        + counts.stream().map(c -> c + " = " + name + "." + c + " + excluded." + c).collect(Collectors.joining(", "));
  }

  /** Removes a row whose first count fell to zero; parameters: the keys. */
  String deleteEmptySql() {
    return "DELETE FROM " + name + " WHERE "
        + keys.stream().map(k -> k + " = ?").collect(Collectors.joining(" AND "))
        + " AND " + counts.get(0) + " <= 0";
  }

  /** Removes every row of one user (per-user tables only); parameter: the user id. */
  String deleteUserSql() {
    if (!perUser) {
      throw new IllegalStateException(name + " has no user_id");
    }
    return "DELETE FROM " + name + " WHERE user_id = ?";
  }

  /** Removes the days before the parameter, for retention. */
  String deleteDaysBeforeSql() {
    return "DELETE FROM " + name + " WHERE day < ?";
  }
}

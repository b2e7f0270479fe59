package dev.telemetrykit.collector.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What differs between the two supported databases. Kept to SQL text and URL handling so that all
 * storage logic is shared.
 */
enum Dialect {
  SQLITE("jdbc:sqlite:", "db/migration/sqlite", "?", "?") {
    @Override
    String weekStart(String dayColumn) {
      // strftime('%w') counts from Sunday = 0; ISO weeks start on Monday.
      return "date(" + dayColumn + ", '-' || ((CAST(strftime('%w', " + dayColumn + ") AS INTEGER) + 6) % 7) || ' days')";
    }

    @Override
    void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
      statement.setString(index, day.toString()); // days are YYYY-MM-DD text, which sorts like dates
    }
  },
  POSTGRESQL("jdbc:postgresql:", "db/migration/postgresql", "CAST(? AS date)", "CAST(? AS jsonb)") {
    @Override
    String weekStart(String dayColumn) {
      // Pure date arithmetic: date_trunc would go through timestamptz and the session time zone.
      return "(" + dayColumn + " - CAST(EXTRACT(ISODOW FROM " + dayColumn + ") AS integer) + 1)";
    }

    @Override
    void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException {
      statement.setObject(index, day);
    }
  };

  static final String COLUMNS = "event_id, service, service_version, event_type, user_id, session_id,"
      + " ts, day, command, success, duration_ms, exit_code, version, os, arch, java_version, error, metadata";

  private final String urlPrefix;
  private final String migrations;
  private final String insert;

  Dialect(String urlPrefix, String migrations, String dayParameter, String metadataParameter) {
    this.urlPrefix = urlPrefix;
    this.migrations = migrations;
    // Both databases understand ON CONFLICT DO NOTHING (SQLite since 3.24), which skips an event_id
    // already stored or inserted earlier in the same transaction and reports 0 rows for it. No
    // conflict target: the key is event_id on SQLite and (event_id, day) on PostgreSQL's partitioned
    // table, where a resent event has the same day.
    this.insert = "INSERT INTO events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, " + dayParameter
        + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, " + metadataParameter + ") ON CONFLICT DO NOTHING";
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith(SQLITE.urlPrefix)) {
      String path = jdbcUrl.substring(SQLITE.urlPrefix.length());
      if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
        // Flyway and the pool use separate connections; each would see its own empty database.
        throw new IllegalArgumentException(
            "in-memory SQLite is not supported: name a file, e.g. jdbc:sqlite:collector.db");
      }
      return SQLITE;
    }
    if (jdbcUrl.startsWith(POSTGRESQL.urlPrefix)) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database URL '" + redact(jdbcUrl)
        + "': use jdbc:sqlite:<file> or jdbc:postgresql://host[:port]/database");
  }

  /** An SQL expression for the Monday of the ISO week of a day column; it reads back as YYYY-MM-DD. */
  abstract String weekStart(String dayColumn);

  abstract void bindDay(PreparedStatement statement, int index, LocalDate day) throws SQLException;

  /** Binds a parameter of the types the storage code uses: String, Integer, Long, LocalDate, or null text. */
  void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value instanceof LocalDate day) {
      bindDay(statement, index, day);
    } else if (value instanceof String text) {
      statement.setString(index, text);
    } else if (value instanceof Integer number) {
      statement.setInt(index, number);
    } else if (value instanceof Long number) {
      statement.setLong(index, number);
    } else if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
    }
  }

  String migrationLocation() {
    return "classpath:" + migrations;
  }

  String insertSql() {
    return insert;
  }

  /** The URL without its prefix, query string or credentials, for messages. */
  String describe(String jdbcUrl) {
    String rest = jdbcUrl.substring(urlPrefix.length());
    int query = rest.indexOf('?');
    rest = query >= 0 ? rest.substring(0, query) : rest;
    rest = rest.startsWith("//") ? rest.substring(2) : rest;
    int at = rest.lastIndexOf('@');
    rest = at >= 0 ? rest.substring(at + 1) : rest;
    return name().toLowerCase(Locale.ROOT) + " " + rest;
  }

  private static String redact(String url) {
    int query = url.indexOf('?');
    return query >= 0 ? url.substring(0, query) + "?..." : url;
  }
}

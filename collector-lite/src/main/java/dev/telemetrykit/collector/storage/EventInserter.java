package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Inserts event rows with distinct ids, skipping any id already stored, and tells which were new. */
abstract class EventInserter {
  /** The ids of the rows inserted now; the others were stored before. */
  abstract Set<String> insertNew(Connection connection, List<EventRow> rows) throws SQLException;

  static EventInserter of(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? new Unnest() : new Batched(dialect);
  }

  /**
   * One statement per row, sent as a JDBC batch: SQLite runs in process, so a statement costs no
   * round trip, and the update counts say which rows were new.
   */
  private static final class Batched extends EventInserter {
    private final String sql;

    Batched(Dialect dialect) {
      this.sql = dialect.insertSql();
    }

    @Override
    Set<String> insertNew(Connection connection, List<EventRow> rows) throws SQLException {
      Set<String> inserted = new HashSet<>();
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        for (EventRow row : rows) {
          row.bindInsert(insert);
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        for (int i = 0; i < rows.size(); i++) {
          if (counts[i] > 0) {
            inserted.add(rows.get(i).eventId());
          }
        }
      }
      return inserted;
    }
  }

  /**
   * All rows in one statement, one array parameter per column: PostgreSQL parses, plans and
   * executes once instead of once per row, and RETURNING names the rows that were new.
   */
  private static final class Unnest extends EventInserter {
    private static final String SQL = "INSERT INTO events (" + Dialect.COLUMNS + ") SELECT * FROM unnest("
        + "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
        + " CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS date[]), CAST(? AS text[]), CAST(? AS boolean[]),"
        + " CAST(? AS bigint[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
        + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS jsonb[]))"
        + " ON CONFLICT DO NOTHING RETURNING event_id";

    @Override
    Set<String> insertNew(Connection connection, List<EventRow> rows) throws SQLException {
      int n = rows.size();
      String[][] text = new String[14][n];
      Long[] ts = new Long[n];
      Boolean[] success = new Boolean[n];
      Long[] durationMs = new Long[n];
      Integer[] exitCode = new Integer[n];
      for (int i = 0; i < n; i++) {
        EventRow row = rows.get(i);
        text[0][i] = row.eventId();
        text[1][i] = row.service();
        text[2][i] = row.serviceVersion();
        text[3][i] = row.eventType();
        text[4][i] = row.userId();
        text[5][i] = row.sessionId();
        text[6][i] = row.day();
        text[7][i] = row.command();
        text[8][i] = row.version();
        text[9][i] = row.os();
        text[10][i] = row.arch();
        text[11][i] = row.javaVersion();
        text[12][i] = row.error();
        text[13][i] = row.metadataJson();
        ts[i] = row.ts();
        success[i] = row.success();
        durationMs[i] = row.durationMs();
        exitCode[i] = row.exitCode();
      }
      Set<String> inserted = new HashSet<>();
      try (PreparedStatement insert = connection.prepareStatement(SQL)) {
        int p = 0;
        for (int column = 0; column < 6; column++) {
          insert.setArray(++p, connection.createArrayOf("text", text[column]));
        }
        insert.setArray(++p, connection.createArrayOf("int8", ts));
        insert.setArray(++p, connection.createArrayOf("text", text[6])); // cast to date[] by the statement
        insert.setArray(++p, connection.createArrayOf("text", text[7]));
        insert.setArray(++p, connection.createArrayOf("bool", success));
        insert.setArray(++p, connection.createArrayOf("int8", durationMs));
        insert.setArray(++p, connection.createArrayOf("int4", exitCode));
        for (int column = 8; column < 14; column++) {
          insert.setArray(++p, connection.createArrayOf("text", text[column])); // the last becomes jsonb[]
        }
        try (ResultSet ids = insert.executeQuery()) {
          while (ids.next()) {
            inserted.add(ids.getString(1));
          }
        }
      }
      return inserted;
    }
  }
}

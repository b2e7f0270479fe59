package dev.telemetrykit.benchmarks.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops the events table's secondary indexes before a bulk load and returns the statements that
 * recreate them exactly as the migrations made them (the primary key stays: it checks the ids).
 */
final class SchemaIndexes {
  private SchemaIndexes() {}

  static List<String> dropSqlite(Statement statement) throws SQLException {
    return drop(statement, "SELECT name, sql FROM sqlite_master"
        + " WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL");
  }

  static List<String> dropPostgres(Statement statement) throws SQLException {
    return drop(statement, "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        + " WHERE i.schemaname = current_schema() AND i.tablename = 'events'"
        + " AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass)");
  }

  private static List<String> drop(Statement statement, String listSql) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> creates = new ArrayList<>();
    try (ResultSet indexes = statement.executeQuery(listSql)) {
      while (indexes.next()) {
        names.add(indexes.getString(1));
        creates.add(indexes.getString(2));
      }
    }
    for (String name : names) {
      statement.execute("DROP INDEX " + name);
    }
    return creates;
  }
}

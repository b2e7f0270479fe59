package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** Applies a {@link RollupDelta} inside the caller's transaction, and removes rollup rows by user or age. */
final class RollupWriter {
  private final Dialect dialect;

  RollupWriter(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Adds the delta's counts; when it subtracts, also removes the rows it brought to zero. */
  void apply(Connection connection, RollupDelta delta) throws SQLException {
    apply(connection, delta, EnumSet.allOf(RollupTable.class));
  }

  /** {@link #apply(Connection, RollupDelta)} for some tables only, e.g. those a migration created. */
  void apply(Connection connection, RollupDelta delta, Set<RollupTable> tables) throws SQLException {
    for (RollupTable table : tables) {
      SortedMap<List<Object>, long[]> changes = delta.changes(table);
      if (changes.isEmpty()) {
        continue;
      }
      if (dialect == Dialect.POSTGRESQL && changes.size() > 1) {
        upsertMany(connection, table, changes);
      } else {
        upsertEach(connection, table, changes);
      }
      if (delta.subtracts()) {
        try (PreparedStatement delete = connection.prepareStatement(table.deleteEmptySql())) {
          for (List<Object> key : changes.keySet()) {
            bindKey(delete, key);
            delete.addBatch();
          }
          delete.executeBatch();
        }
      }
    }
  }

  private void upsertEach(Connection connection, RollupTable table, SortedMap<List<Object>, long[]> changes)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(table.upsertSql())) {
      for (Map.Entry<List<Object>, long[]> change : changes.entrySet()) {
        int index = bindKey(upsert, change.getKey());
        for (long amount : change.getValue()) {
          upsert.setLong(++index, amount);
        }
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /**
   * One statement for all of a table's changes: on PostgreSQL each statement of a JDBC batch is
   * planned and executed on its own, which cost more than the changes themselves. unnest keeps the
   * rows in key order, so row locks are still taken in the same order by every writer.
   */
  private static void upsertMany(Connection connection, RollupTable table, SortedMap<List<Object>, long[]> changes)
      throws SQLException {
    int rows = changes.size();
    int keyCount = table.keyCount();
    Object[][] keyColumns = new Object[keyCount][rows];
    Long[][] countColumns = new Long[table.countColumns()][rows];
    int row = 0;
    for (Map.Entry<List<Object>, long[]> change : changes.entrySet()) {
      for (int k = 0; k < keyCount; k++) {
        keyColumns[k][row] = change.getKey().get(k);
      }
      for (int c = 0; c < countColumns.length; c++) {
        countColumns[c][row] = change.getValue()[c];
      }
      row++;
    }
    List<String> keyTypes = new ArrayList<>();
    List<java.sql.Array> arrays = new ArrayList<>();
    for (Object[] column : keyColumns) {
      if (column[0] instanceof Integer) {
        keyTypes.add("integer");
        arrays.add(connection.createArrayOf("int4", Arrays.copyOf(column, rows, Integer[].class)));
      } else if (column[0] instanceof LocalDate) {
        keyTypes.add("date"); // sent as ISO text, cast by the statement
        arrays.add(connection.createArrayOf("text", Arrays.stream(column).map(Object::toString).toArray(String[]::new)));
      } else {
        keyTypes.add("text");
        arrays.add(connection.createArrayOf("text", Arrays.copyOf(column, rows, String[].class)));
      }
    }
    for (Long[] column : countColumns) {
      arrays.add(connection.createArrayOf("int8", column));
    }
    try (PreparedStatement upsert = connection.prepareStatement(table.upsertManySql(keyTypes))) {
      for (int i = 0; i < arrays.size(); i++) {
        upsert.setArray(i + 1, arrays.get(i));
      }
      upsert.executeUpdate();
    }
  }

  /** Removes a user's rows from the per-user tables. */
  void deleteUser(Connection connection, String userId) throws SQLException {
    for (RollupTable table : RollupTable.values()) {
      if (table.perUser()) {
        try (PreparedStatement delete = connection.prepareStatement(table.deleteUserSql())) {
          delete.setString(1, userId);
          delete.executeUpdate();
        }
      }
    }
  }

  /** Removes every rollup row of a day before {@code firstKeptDay}. */
  void deleteDaysBefore(Connection connection, LocalDate firstKeptDay) throws SQLException {
    for (RollupTable table : RollupTable.values()) {
      try (PreparedStatement delete = connection.prepareStatement(table.deleteDaysBeforeSql())) {
        dialect.bindDay(delete, 1, firstKeptDay);
        delete.executeUpdate();
      }
    }
  }

  private int bindKey(PreparedStatement statement, List<Object> key) throws SQLException {
    int index = 0;
    for (Object value : key) {
      dialect.bind(statement, ++index, value);
    }
    return index;
  }
}

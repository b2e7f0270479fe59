package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Applies a {@link RollupDelta} inside the caller's transaction, and removes rollup rows by user or age. */
final class RollupWriter {
  private final Dialect dialect;

  RollupWriter(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Adds the delta's counts; when it subtracts, also removes the rows it brought to zero. */
  void apply(Connection connection, RollupDelta delta) throws SQLException {
    for (RollupTable table : RollupTable.values()) {
      SortedMap<List<Object>, long[]> changes = delta.changes(table);
      if (changes.isEmpty()) {
        continue;
      }
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

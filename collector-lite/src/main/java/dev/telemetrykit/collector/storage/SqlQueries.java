package dev.telemetrykit.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Runs read-only queries with bound parameters, turning JDBC failures into {@link StorageException}. */
final class SqlQueries {
  /** Reads one result row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final DataSource readers;
  private final Dialect dialect;

  SqlQueries(DataSource readers, Dialect dialect) {
    this.readers = readers;
    this.dialect = dialect;
  }

  <T> List<T> list(String sql, List<?> parameters, RowReader<T> reader) {
    try (Connection connection = readers.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 0;
      for (Object parameter : parameters) {
        dialect.bind(statement, ++index, parameter);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(reader.read(result));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StorageException("cannot read analytics", e);
    }
  }

  /** The first column of the first row as a number; 0 for no row or NULL. */
  long number(String sql, List<?> parameters) {
    List<Long> rows = list(sql, parameters, row -> row.getLong(1)); // getLong reads NULL as 0
    return rows.isEmpty() ? 0 : rows.get(0);
  }
}

package dev.telemetrykit.collector.storage;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Throwaway schemas in the PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}
 * (as on developer and CI machines), one per database a test asks for, all dropped by {@link #close()}.
 *
 * <p>Without a reachable server the tests are skipped on a developer machine and fail on CI (env
 * {@code CI} set), so CI cannot go green without having run them.
 */
final class PostgresSchemas implements AutoCloseable {
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

  private final List<String> schemas = new ArrayList<>();

  /** Call from {@code @BeforeAll}: skips (or on CI fails) the test class without a server. */
  static void requireServer() {
    try (Connection connection = DriverManager.getConnection(SERVER)) {
      if (!connection.isValid(3)) {
        throw new SQLException("connection not valid");
      }
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): "
          + e.getMessage();
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message + "; skipping the PostgreSQL storage tests");
    }
  }

  /** A new, empty schema; returns the JDBC URL that uses it. */
  String create() throws SQLException {
    String schema = "collector_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return url(schema);
  }

  static String url(String schema) {
    return SERVER + "&currentSchema=" + schema;
  }

  @Override
  public void close() throws SQLException {
    for (String schema : schemas) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
    schemas.clear();
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

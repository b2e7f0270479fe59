package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL at 127.0.0.1:5432, database {@code test}, user {@code postgres}
 * (as on developer and CI machines). Each test gets its own schema, dropped afterwards.
 *
 * <p>Without a reachable server the tests are skipped on a developer machine and fail on CI (env
 * {@code CI} set), so CI cannot go green without having run them.
 */
class PostgresEventStoreTest extends EventStoreContract {
  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

  private String schema;

  @BeforeAll
  static void requirePostgres() {
    try (Connection connection = DriverManager.getConnection(SERVER)) {
      assertThat(connection.isValid(3)).isTrue();
    } catch (SQLException e) {
      String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (database test, user postgres): "
          + e.getMessage();
      if (System.getenv("CI") != null) {
        fail(message);
      }
      assumeTrue(false, message + "; skipping the PostgreSQL storage tests");
    }
  }

  @Override
  String freshDatabaseUrl() throws SQLException {
    schema = "collector_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    return currentDatabaseUrl();
  }

  @Override
  String currentDatabaseUrl() {
    return SERVER + "&currentSchema=" + schema;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void descriptionShowsHostAndDatabaseOnly() {
    assertThat(store.description()).isEqualTo("postgresql 127.0.0.1:5432/test");
  }

  @Test
  void metadataIsQueryableAsJsonb() {
    store.store(batch(1, dev.telemetrykit.collector.support.Batches.userId()));

    assertThat(count("SELECT count(*) FROM events WHERE metadata->>'command' = 'build'")).isEqualTo(1);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

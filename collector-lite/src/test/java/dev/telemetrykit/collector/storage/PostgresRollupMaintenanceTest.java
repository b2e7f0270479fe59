package dev.telemetrykit.collector.storage;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The {@link RollupMaintenanceContract} on PostgreSQL ({@link PostgresSchemas}). */
class PostgresRollupMaintenanceTest extends RollupMaintenanceContract {
  private final PostgresSchemas schemas = new PostgresSchemas();

  @BeforeAll
  static void requirePostgres() {
    PostgresSchemas.requireServer();
  }

  @Override
  String newDatabaseUrl() throws SQLException {
    return schemas.create();
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    schemas.close();
  }
}

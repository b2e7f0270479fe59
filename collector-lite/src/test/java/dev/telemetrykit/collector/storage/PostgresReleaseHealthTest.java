package dev.telemetrykit.collector.storage;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** The {@link ReleaseHealthContract} on PostgreSQL ({@link PostgresSchemas}). */
class PostgresReleaseHealthTest extends ReleaseHealthContract {
  private final PostgresSchemas schemas = new PostgresSchemas();

  @Override
  String newDatabaseUrl() throws SQLException {
    PostgresSchemas.requireServer();
    return schemas.create();
  }

  @AfterAll
  void dropSchemas() throws SQLException {
    schemas.close();
  }
}

package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage contract on PostgreSQL ({@link PostgresSchemas}), plus what only PostgreSQL has. */
class PostgresEventStoreTest extends EventStoreContract {
  private final PostgresSchemas schemas = new PostgresSchemas();
  private String url;

  @BeforeAll
  static void requirePostgres() {
    PostgresSchemas.requireServer();
  }

  @Override
  String freshDatabaseUrl() throws SQLException {
    url = schemas.create();
    return url;
  }

  @Override
  String currentDatabaseUrl() {
    return url;
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    schemas.close();
  }

  @Test
  void descriptionShowsHostAndDatabaseOnly() {
    assertThat(store.description()).isEqualTo("postgresql 127.0.0.1:5432/test");
  }

  @Test
  void metadataIsQueryableAsJsonb() {
    store.store(batch(1, Batches.userId()));

    assertThat(count("SELECT count(*) FROM events WHERE metadata->>'command' = 'build'")).isEqualTo(1);
  }
}

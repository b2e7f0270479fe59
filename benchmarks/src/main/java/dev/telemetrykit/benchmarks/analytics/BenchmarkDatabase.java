package dev.telemetrykit.benchmarks.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * A database the benchmark fills and queries: a SQLite file or a PostgreSQL schema. Keeps a note of
 * which data it holds, so that a second run reuses it.
 */
interface BenchmarkDatabase {
  /** "SQLite" or "PostgreSQL", for the report. */
  String name();

  String jdbcUrl();

  /** The collector's migration scripts for this database, as on its class path. */
  String migrationLocation();

  /** The fingerprint of the complete data set this database holds, if any. */
  Optional<String> cachedFingerprint() throws SQLException;

  void markComplete(String fingerprint) throws SQLException;

  /** Removes every table and the note: the next {@link #migrateEventsTable()} starts from nothing. */
  void reset() throws SQLException;

  /**
   * Inserts the events straight into the events table, bypassing ingest (which would take most of
   * an hour for ten million events); the rollups are built afterwards by the collector itself.
   *
   * @return the number of events inserted
   */
  long bulkInsert(SyntheticEvents events) throws SQLException;

  /** Space the data takes, for the report. */
  String size() throws SQLException;

  /** A day as a SQL parameter placeholder for a {@code day} column. */
  String dayParameter();

  default Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  /**
   * Creates the collector's schema up to migration V2 (events and empty rollup tables), the state
   * of a database written by a collector that predates the rollups. Opening it with the collector
   * then runs migration 2.1, which builds the rollups from the stored events with the code ingest
   * uses, and every later migration.
   */
  default void migrateEventsTable() {
    Flyway.configure()
        .dataSource(jdbcUrl(), null, null)
        .locations(migrationLocation())
        .target("2")
        .load()
        .migrate();
  }
}

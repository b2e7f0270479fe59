package dev.telemetrykit.benchmarks.analytics;

import dev.telemetrykit.collector.storage.EventStore;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Makes sure a database holds the benchmark's data set: reuses it when its note matches, otherwise
 * loads the events in bulk and lets the collector build the rollups through its own migration.
 */
final class DatasetBuilder {
  /** How long each step of a generation took. */
  record Generation(long events, double insertSeconds, double rollupSeconds) {}

  private DatasetBuilder() {}

  /** @return the generation's timings, or empty when the cached data set was reused */
  static Optional<Generation> ensure(BenchmarkDatabase database, long events, long seed, boolean regenerate)
      throws SQLException {
    String fingerprint = DataShape.fingerprint(events, seed);
    if (!regenerate && database.cachedFingerprint().filter(fingerprint::equals).isPresent()) {
      System.out.printf("%s: reusing %s (%s)%n", database.name(), database.jdbcUrl(), database.size());
      return Optional.empty();
    }
    System.out.printf("%s: generating %,d events into %s ...%n", database.name(), events, database.jdbcUrl());
    database.reset();
    database.migrateEventsTable();
    long start = System.nanoTime();
    long inserted = database.bulkInsert(new SyntheticEvents(events, seed));
    double insertSeconds = seconds(start);
    System.out.printf("%s: inserted %,d events and built the events indexes in %.0f s%n",
        database.name(), inserted, insertSeconds);
    start = System.nanoTime();
    // Migration 2.1 (RollupBackfill) runs here: the rollups come from the collector's own code.
    try (EventStore store = EventStore.open(database.jdbcUrl())) {
      store.description();
    }
    if (database instanceof PostgresDatabase postgres) {
      postgres.vacuumAnalyze();
    }
    double rollupSeconds = seconds(start);
    System.out.printf("%s: collector migrations built the rollups in %.0f s%n", database.name(), rollupSeconds);
    RollupTotals.verify(database, inserted);
    database.markComplete(fingerprint);
    System.out.printf("%s: %s%n", database.name(), database.size());
    return Optional.of(new Generation(inserted, insertSeconds, rollupSeconds));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}

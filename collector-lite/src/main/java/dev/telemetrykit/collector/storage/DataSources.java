package dev.telemetrykit.collector.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the connections for each dialect. */
final class DataSources {
  /** Enough for concurrent ingest on one collector; several collectors may share a database. */
  private static final int POSTGRESQL_POOL_SIZE = 10;
  /** How long a SQLite writer waits for another process holding the write lock. */
  private static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;
  /**
   * Page cache of the SQLite writer connection, in KiB (a negative cache_size): 64 MiB, native
   * memory outside the Java heap.
   */
  private static final int SQLITE_CACHE_KIB = -65_536;
  /**
   * Page cache of each SQLite reader, in KiB: 8 MiB. Reports read the small rollup tables; at the
   * writer's 64 MiB, four readers could add 256 MiB of native memory on a small VM.
   */
  private static final int SQLITE_READER_CACHE_KIB = -8_192;

  /** Pages the WAL may hold before a commit copies them into the database file. */
  private static final int SQLITE_WAL_PAGES = 10_000;
  /** Concurrent analytics queries on SQLite; in WAL mode they read beside the one writer. */
  private static final int SQLITE_READERS = 4;

  /**
   * Threads committing groups of batches. SQLite has one writer connection. On PostgreSQL a second
   * writer prepares its group while the first commits; more would wait on the same rollup rows.
   */
  private static final int POSTGRESQL_BATCH_WRITERS = 2;

  private DataSources() {}

  static int batchWriters(Dialect dialect) {
    return dialect == Dialect.SQLITE ? 1 : POSTGRESQL_BATCH_WRITERS;
  }

  static DataSource unpooled(Dialect dialect, String jdbcUrl) {
    return switch (dialect) {
      // A deferred transaction that upgrades to a write fails with SQLITE_BUSY_SNAPSHOT without
      // waiting; IMMEDIATE takes the write lock at BEGIN and honours the busy timeout.
      case SQLITE -> sqlite(jdbcUrl, SQLiteConfig.TransactionMode.IMMEDIATE, SQLITE_CACHE_KIB);
      case POSTGRESQL -> {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        // Rewritten batches report no per-row counts; storing needs them to tell duplicates apart.
        dataSource.setReWriteBatchedInserts(false);
        yield dataSource;
      }
    };
  }

  static HikariDataSource pooled(Dialect dialect, String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("collector-" + dialect.name().toLowerCase(Locale.ROOT));
    config.setDataSource(unpooled(dialect, jdbcUrl));
    config.setConnectionTimeout(10_000); // a request waits this long for a connection, then gets 503
    // SQLite allows one writer at a time: one connection serializes writers inside the process
    // instead of making them spin on the busy timeout.
    config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 1 : POSTGRESQL_POOL_SIZE);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StorageException("cannot connect to " + dialect.describe(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
  }

  /**
   * A pool for analytics queries on a SQLite file, so that a long report does not hold up ingest on
   * the single writer connection.
   */
  static HikariDataSource sqliteReaders(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("collector-sqlite-readers");
    // Readers never write: DEFERRED transactions take no write lock.
    config.setDataSource(sqlite(jdbcUrl, SQLiteConfig.TransactionMode.DEFERRED, SQLITE_READER_CACHE_KIB));
    config.setConnectionTimeout(10_000);
    config.setMaximumPoolSize(SQLITE_READERS);
    config.setMinimumIdle(0); // opened on the first query: start-up stays as fast as before
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new StorageException("cannot open " + Dialect.SQLITE.describe(jdbcUrl) + " for reading: "
          + rootMessage(e), e);
    }
  }

  private static SQLiteDataSource sqlite(String jdbcUrl, SQLiteConfig.TransactionMode transactions, int cacheKib) {
    createParentDirectory(jdbcUrl.substring("jdbc:sqlite:".length()));
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL); // readers do not block the writer
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable enough in WAL mode, far faster
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    // The events table's indexes are keyed by random ids: with SQLite's default 2 MB cache each
    // group commit re-reads most of the index pages it touches.
    config.setCacheSize(cacheKib);
    // The rollup pages change in every commit: the fewer checkpoints, the fewer times each is
    // copied from the WAL into the database file. 10,000 pages: a WAL of up to ~40 MB.
    config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(SQLITE_WAL_PAGES));
    config.setTransactionMode(transactions);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(jdbcUrl);
    return dataSource;
  }

  private static void createParentDirectory(String path) {
    if (path.startsWith("file:")) {
      return; // a URI filename: leave it to SQLite
    }
    int query = path.indexOf('?');
    Path parent = Path.of(query >= 0 ? path.substring(0, query) : path).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the directory " + parent, e);
    }
  }

  /** The innermost cause's message, on one line. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
  }
}

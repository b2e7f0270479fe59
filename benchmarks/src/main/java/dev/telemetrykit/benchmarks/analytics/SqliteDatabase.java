package dev.telemetrykit.benchmarks.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A SQLite file; the note of its data set is a file beside it. */
final class SqliteDatabase implements BenchmarkDatabase {
  /** Rows per INSERT statement: 18 columns each, far below SQLite's 32,766 parameters. */
  private static final int ROWS_PER_INSERT = 500;
  /** Rows per transaction while loading. */
  private static final int ROWS_PER_COMMIT = 1_000_000;

  private final Path file;

  SqliteDatabase(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public String name() {
    return "SQLite";
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:sqlite:" + file;
  }

  @Override
  public String migrationLocation() {
    return "classpath:db/migration/sqlite";
  }

  private Path note() {
    return file.resolveSibling(file.getFileName() + ".complete");
  }

  @Override
  public Optional<String> cachedFingerprint() {
    try {
      return Files.exists(file) && Files.exists(note())
          ? Optional.of(Files.readString(note(), StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void markComplete(String fingerprint) {
    try {
      Files.writeString(note(), fingerprint + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset() {
    try {
      Files.createDirectories(file.getParent());
      for (String suffix : List.of(".complete", "", "-wal", "-shm", "-journal")) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long bulkInsert(SyntheticEvents events) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      // A throwaway file being filled: no journal, no fsync, a large page cache. The collector
      // switches the file back to WAL when it opens it.
      statement.execute("PRAGMA journal_mode = OFF");
      statement.execute("PRAGMA synchronous = OFF");
      statement.execute("PRAGMA cache_size = -1048576");
      // Building the secondary indexes once at the end is several times faster than keeping them
      // up to date row by row; they are recreated from their own CREATE statements.
      List<String> indexes = SchemaIndexes.dropSqlite(statement);
      connection.setAutoCommit(false);
      long[] inserted = {0};
      try (BatchedInsert insert = new BatchedInsert(connection)) {
        events.generate(event -> {
          insert.add(event);
          if (++inserted[0] % ROWS_PER_COMMIT == 0) {
            insert.flush();
            connection.commit();
          }
        });
      }
      connection.commit();
      for (String index : indexes) {
        statement.execute(index);
      }
      connection.commit();
      connection.setAutoCommit(true);
      statement.execute("PRAGMA journal_mode = WAL");
      return inserted[0];
    }
  }

  @Override
  public String size() throws SQLException {
    long bytes = 0;
    for (String suffix : List.of("", "-wal")) {
      Path part = file.resolveSibling(file.getFileName() + suffix);
      try {
        bytes += Files.exists(part) ? Files.size(part) : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return String.format("%.2f GiB file", bytes / (double) (1L << 30));
  }

  @Override
  public String dayParameter() {
    return "?";
  }

  /** Multi-row INSERTs of {@link #ROWS_PER_INSERT} events, with SQLite's types (0/1, text days). */
  private static final class BatchedInsert implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement full;
    private final GeneratedEvent[] pending = new GeneratedEvent[ROWS_PER_INSERT];
    private int count;

    BatchedInsert(Connection connection) throws SQLException {
      this.connection = connection;
      this.full = connection.prepareStatement(insertSql(ROWS_PER_INSERT));
    }

    void add(GeneratedEvent event) throws SQLException {
      pending[count++] = event;
      if (count == ROWS_PER_INSERT) {
        bindAndRun(full, count);
      }
    }

    void flush() throws SQLException {
      if (count > 0) {
        try (PreparedStatement rest = connection.prepareStatement(insertSql(count))) {
          bindAndRun(rest, count);
        }
      }
    }

    private void bindAndRun(PreparedStatement insert, int rows) throws SQLException {
      int index = 0;
      for (int r = 0; r < rows; r++) {
        for (Object value : pending[r].values()) {
          index++;
          if (value == null) {
            insert.setNull(index, java.sql.Types.NULL);
          } else if (value instanceof String text) {
            insert.setString(index, text);
          } else if (value instanceof Boolean flag) {
            insert.setInt(index, flag ? 1 : 0);
          } else {
            insert.setLong(index, ((Number) value).longValue());
          }
        }
      }
      insert.executeUpdate();
      count = 0;
    }

    private static String insertSql(int rows) {
      String row = "(" + String.join(", ", Collections.nCopies(GeneratedEvent.COLUMN_COUNT, "?")) + ")";
      return "INSERT INTO events (" + GeneratedEvent.COLUMNS + ") VALUES "
          + String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public void close() throws SQLException {
      flush();
      full.close();
    }
  }
}

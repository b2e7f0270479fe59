package dev.telemetrykit.benchmarks.analytics;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** A schema of its own in a PostgreSQL database; the note of its data set is the schema's comment. */
final class PostgresDatabase implements BenchmarkDatabase {
  /** Rows per COPY and transaction. */
  private static final int ROWS_PER_COPY = 1_000_000;
  private static final int COPY_BUFFER_BYTES = 1 << 22;

  private final String serverUrl;
  private final String schema;

  /**
   * @param serverUrl a JDBC URL with query parameters, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
   * @param schema a plain lower-case identifier
   */
  PostgresDatabase(String serverUrl, String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("--pg-schema must be a lower-case identifier, was " + schema);
    }
    this.serverUrl = serverUrl;
    this.schema = schema;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String jdbcUrl() {
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  public String migrationLocation() {
    return "classpath:db/migration/postgresql";
  }

  @Override
  public Optional<String> cachedFingerprint() throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        var query = connection.prepareStatement("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace"
            + " WHERE nspname = ?")) {
      query.setString(1, schema);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public void markComplete(String fingerprint) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("COMMENT ON SCHEMA " + schema + " IS '" + fingerprint.replace("'", "''") + "'");
    }
  }

  @Override
  public void reset() throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("CREATE SCHEMA " + schema);
    }
  }

  @Override
  public long bulkInsert(SyntheticEvents events) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit = off");
      statement.execute("SET maintenance_work_mem = '512MB'");
      List<String> indexes = SchemaIndexes.dropPostgres(statement);
      connection.setAutoCommit(false);
      long inserted;
      try (CopyWriter copy = new CopyWriter(connection)) {
        events.generate(copy::add);
        inserted = copy.rows;
      }
      connection.commit();
      for (String index : indexes) {
        statement.execute(index);
      }
      connection.commit();
      connection.setAutoCommit(true);
      return inserted;
    }
  }

  /**
   * What autovacuum would do soon after a load this size: statistics for the planner, and the dead
   * row versions that building the rollups by upsert left behind removed (before this, the
   * top-commands query visited 165,351 index entries for 35,637 live rows and took twice as long).
   */
  void vacuumAnalyze() throws SQLException {
    List<String> tables = new java.util.ArrayList<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) { // a bare VACUUM would visit every schema of the database
        statement.execute("VACUUM ANALYZE " + schema + "." + table);
      }
    }
  }

  @Override
  public String size() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")) {
      row.next();
      return String.format("%.2f GiB in schema %s", row.getLong(1) / (double) (1L << 30), schema);
    }
  }

  @Override
  public String dayParameter() {
    return "CAST(? AS date)";
  }

  /** COPY ... FROM STDIN in PostgreSQL's text format, one transaction per {@link #ROWS_PER_COPY} rows. */
  private static final class CopyWriter implements AutoCloseable {
    private static final String COPY = "COPY events (" + GeneratedEvent.COLUMNS + ") FROM STDIN";

    private final Connection connection;
    private final StringBuilder buffer = new StringBuilder(COPY_BUFFER_BYTES + 4096);
    private CopyIn copy;
    private long rows;

    CopyWriter(Connection connection) {
      this.connection = connection;
    }

    void add(GeneratedEvent event) throws SQLException {
      if (copy == null) {
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
      }
      Object[] values = event.values();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          buffer.append('\t');
        }
        appendValue(values[i]);
      }
      buffer.append('\n');
      if (buffer.length() >= COPY_BUFFER_BYTES) {
        send();
      }
      if (++rows % ROWS_PER_COPY == 0) {
        endCopy();
        connection.commit();
      }
    }

    private void appendValue(Object value) {
      if (value == null) {
        buffer.append("\\N");
      } else if (value instanceof Boolean flag) {
        buffer.append(flag ? 't' : 'f');
      } else if (value instanceof String text) {
        for (int c = 0; c < text.length(); c++) {
          char ch = text.charAt(c);
          switch (ch) {
            case '\\' -> buffer.append("\\\\");
            case '\t' -> buffer.append("\\t");
            case '\n' -> buffer.append("\\n");
            case '\r' -> buffer.append("\\r");
            default -> buffer.append(ch);
          }
        }
      } else {
        buffer.append(value);
      }
    }

    private void send() throws SQLException {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }

    private void endCopy() throws SQLException {
      if (copy != null) {
        send();
        copy.endCopy();
        copy = null;
      }
    }

    @Override
    public void close() throws SQLException {
      endCopy();
    }
  }
}

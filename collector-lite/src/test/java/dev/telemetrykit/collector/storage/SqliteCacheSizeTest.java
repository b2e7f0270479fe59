package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's page caches are native memory: the writer gets a large one, each reader a small one. */
class SqliteCacheSizeTest {
  @Test
  void writerCachesSixtyFourMibAndEachReaderEight(@TempDir Path directory) throws SQLException {
    String url = "jdbc:sqlite:" + directory.resolve("collector.db");
    try (HikariDataSource writer = DataSources.pooled(Dialect.SQLITE, url);
        HikariDataSource readers = DataSources.sqliteReaders(url)) {
      assertThat(cacheSize(writer)).isEqualTo(-65_536);
      assertThat(cacheSize(readers)).isEqualTo(-8_192);
    }
  }

  private static long cacheSize(DataSource source) throws SQLException {
    try (Connection connection = source.getConnection();
        ResultSet row = connection.createStatement().executeQuery("PRAGMA cache_size")) {
      row.next();
      return row.getLong(1);
    }
  }
}

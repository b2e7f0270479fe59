package dev.telemetrykit.picocli.internal.queue;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Fails with one plain sentence when sqlite-jdbc has no native library for this platform: an
 * author may strip the platforms they do not ship from a fat jar (docs/footprint.md). Left alone,
 * sqlite-jdbc's loader logs its failure as a stack trace on stderr, the user's terminal, and then
 * reports only "Error opening connection".
 */
final class SqliteNativeLibrary {
  private static final String LIB_PATH = "org.sqlite.lib.path";

  private SqliteNativeLibrary() {}

  static void require() throws SQLException {
    if (System.getProperty(LIB_PATH) != null || bundled()) {
      return; // the ordinary case: sqlite-jdbc loads it, and reports its own errors
    }
    // Not in the jar: sqlite-jdbc may still find one on java.library.path; try quietly.
    Logger loader = Logger.getLogger(SQLiteJDBCLoader.class.getName());
    Level before = loader.getLevel();
    loader.setLevel(Level.OFF);
    try {
      SQLiteJDBCLoader.initialize();
    } catch (Exception | LinkageError e) {
      throw new SQLException("this build has no SQLite native library for " + platform());
    } finally {
      loader.setLevel(before);
    }
  }

  private static boolean bundled() {
    String folder = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/";
    String name = System.mapLibraryName("sqlitejdbc");
    return SQLiteJDBCLoader.class.getResource(folder + name) != null
        // macOS: sqlite-jdbc also accepts the old JNI suffix
        || SQLiteJDBCLoader.class.getResource(folder + name.replace(".dylib", ".jnilib")) != null;
  }

  private static String platform() {
    return OSInfo.getNativeLibFolderPathForCurrentOS();
  }
}

/**
 * telemetry-kit for Picocli: usage telemetry for a Picocli command-line tool, recorded only after
 * the end user says yes. The whole API is the package {@code dev.telemetrykit.picocli}; everything
 * under {@code dev.telemetrykit.picocli.internal} is hidden.
 *
 * <p>An app on the module path needs no more than this (its command package opened to Picocli, as
 * Picocli itself asks):
 *
 * <pre>{@code
 * module my.cli {
 *   requires dev.telemetrykit.picocli;
 *   opens my.cli to info.picocli;
 * }
 * }</pre>
 *
 * <p>The modules below are what the SDK itself uses, so that an app need not name them: without
 * {@code java.sql} and {@code java.net.http} in the module graph the management commands and the
 * upload would fail with {@code NoClassDefFoundError} (as they do for the SDK as an automatic
 * module, which cannot declare them). Declaring them costs an ordinary run nothing: resolving a
 * module loads none of its classes.
 */
// "module": the test kit's module, to which one package is exported, is built after this one.
@SuppressWarnings("module")
module dev.telemetrykit.picocli {
  // Public API: Telemetry.install takes and returns Picocli's CommandLine.
  requires transitive info.picocli;
  // The first-run consent box.
  requires dev.telemetrykit.consent;
  // The local event queue: sqlite-jdbc through JDBC.
  requires java.sql;
  requires org.xerial.sqlitejdbc;
  // Uploads and delete-my-data.
  requires java.net.http;

  exports dev.telemetrykit.picocli;
  // The test kit (picocli-telemetry-test) reads and uploads what a test recorded through the SDK,
  // which owns the files' layout.
  exports dev.telemetrykit.picocli.internal.testkit to dev.telemetrykit.picocli.test;

  // The management commands (telemetry status, enable, ...) are Picocli @Command classes: Picocli
  // injects their @Spec and @Option fields by reflection.
  opens dev.telemetrykit.picocli.internal.cli to info.picocli;
}

/**
 * The test kit: tests a CLI's telemetry in its author's JUnit 5 suite. See {@link
 * dev.telemetrykit.picocli.test.TelemetryTestKit}.
 */
module dev.telemetrykit.picocli.test {
  // The SDK whose runs the kit isolates; its test support is exported to this module only.
  requires transitive dev.telemetrykit.picocli;
  // The kit is a JUnit 5 extension.
  requires transitive org.junit.jupiter.api;
  // The stand-in collector: the JDK's small HTTP server.
  requires jdk.httpserver;

  exports dev.telemetrykit.picocli.test;
}

/**
 * Usage telemetry for a Picocli command-line tool: {@link dev.telemetrykit.picocli.TelemetryEnabled}
 * on the top-level command class turns it on, {@link dev.telemetrykit.picocli.Telemetry} runs the
 * app with it and records custom events, and {@link dev.telemetrykit.picocli.TelemetrySafe} marks
 * the options whose values may be recorded.
 *
 * <pre>{@code
 * @TelemetryEnabled(endpoint = "https://telemetry.example.com", privacyUrl = "https://example.com/telemetry")
 * @Command(name = "my-cli", version = "1.2.0", subcommands = {Build.class, Deploy.class})
 * class MyCli {
 *   public static void main(String[] args) {
 *     System.exit(Telemetry.execute(new MyCli(), args));
 *   }
 * }
 * }</pre>
 *
 * <p>This package is the whole public API. Everything in {@code dev.telemetrykit.picocli.internal}
 * and its subpackages may change without notice.
 */
package dev.telemetrykit.picocli;

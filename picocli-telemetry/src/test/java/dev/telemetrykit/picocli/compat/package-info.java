/**
 * The Picocli compatibility suite: "telemetry never changes your CLI", checked over a table of
 * small Picocli apps, each covering features of the Picocli user manual that touch execution.
 *
 * <p>{@link dev.telemetrykit.picocli.compat.CompatibilitySuiteTest} runs every app ({@link
 * dev.telemetrykit.picocli.compat.AppTable}) over each of its argument vectors, once plain and once
 * with telemetry installed, in every consent state ({@link
 * dev.telemetrykit.picocli.compat.ConsentStates}: granted, denied, undecided without a terminal,
 * DO_NOT_TRACK=1 over a granted state) and both ways of installing ({@code execute}: the arguments
 * are known; {@code install}: they are not). Stdout, stderr, the exit code and whatever escapes
 * {@code execute} must be byte-identical, telemetry must print nothing of its own, and a granted
 * run must leave exactly one {@code command_executed} event (the others none).
 *
 * <p>Adding an app: a {@code @Command} class carrying {@code @TelemetryEnabled(endpoint =
 * "http://127.0.0.1:9")} (programmatic specs: a settings class, see {@link
 * dev.telemetrykit.picocli.compat.App#programmatic}), and a row in one of the {@code *Apps}
 * classes. Keep apps deterministic: no identity hash codes in output (override {@code toString} of
 * commands Picocli may name in a message), no clocks, no stdin.
 *
 * <p>Run it alone, on the oldest supported Picocli too:
 *
 * <pre>
 * mvn -B -q test -pl picocli-telemetry -am -Dtest=CompatibilitySuiteTest -Dsurefire.failIfNoSpecifiedTests=false
 * mvn ... -Dpicocli.version=4.6.3
 * </pre>
 *
 * It ends with one line, {@code Picocli compatibility: N cases agree, M differ (picocli X.Y.Z,
 * Java NN)}, and lists each differing case in {@code target/picocli-compat-differences.txt}.
 */
package dev.telemetrykit.picocli.compat;

package dev.telemetrykit.picocli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns on usage telemetry for a Picocli command: put it next to {@code @Command} on the top-level
 * command class and start the app with {@link Telemetry#execute(Object, String...)}.
 *
 * <pre>{@code
 * @TelemetryEnabled(endpoint = "https://telemetry.example.com", privacyUrl = "https://example.com/telemetry")
 * @Command(name = "my-cli", version = "1.2.0", subcommands = {Build.class, Deploy.class})
 * class MyCli { ... }
 * }</pre>
 *
 * <p>Found on the class, a superclass (for proxies made by DI frameworks), or the class declaring a
 * {@code @Command} method.
 *
 * <p>Kept in the class file only ({@link RetentionPolicy#CLASS}): the SDK reads it from there,
 * because a run-time annotation makes the JVM build a proxy class for it whenever Picocli reads
 * the class's annotations, which costs every run 1–2% of its start-up. So reflection does not see
 * it, and a shrinker (ProGuard, R8) must be told to keep {@code RuntimeInvisibleAnnotations}.
 *
 * <p>Nothing is recorded until the end user says yes. See docs/configuration.md for every
 * attribute and the environment variables that override them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TelemetryEnabled {
  /**
   * Base URL of the collector; events are posted to {@code <endpoint>/events}.
   *
   * @return the collector's base URL, e.g. {@code https://telemetry.example.com}
   */
  String endpoint();

  /**
   * Where end users can read what is collected and why; shown in the consent box.
   *
   * @return the privacy page's URL, or {@code ""} for none
   */
  String privacyUrl() default "";

  /**
   * The tool's name in telemetry; defaults to {@code @Command(name)}.
   *
   * @return the tool's name, or {@code ""} to take it from {@code @Command}
   */
  String name() default "";

  /**
   * The tool's version in telemetry; defaults to the version in {@code @Command(version)}.
   *
   * @return the tool's version, or {@code ""} to take it from {@code @Command}
   */
  String version() default "";

  /**
   * The version of what is collected. Raise it when the data you collect changes materially:
   * users who said yes to an older version are asked again; users who said no never are.
   *
   * @return the version of what is collected
   */
  int policyVersion() default 1;

  /**
   * Whether the management command is a listed subcommand of the app. By default it is not part of
   * the app's command tree at all, so the app's usage help, parsing and exit codes stay exactly
   * as without telemetry, and it runs only when the first argument names it (see {@link #command}).
   * Set this to list it in usage help: it is then an ordinary (visible) subcommand, which adds
   * {@code [COMMAND]} to the synopsis of an app that has no subcommands of its own.
   *
   * @return whether usage help lists the management command
   */
  boolean showInHelp() default false;

  /**
   * The name end users type for the management command ({@code my-cli telemetry status}). It runs
   * when the first argument is exactly this name and the app itself rejects the arguments (it has
   * no subcommand of that name and no positional or unmatched-argument parameter that takes them).
   * Rename it when the word collides with what the app accepts, e.g. {@code "--telemetry"} for an
   * app whose positional parameters take any word; set it to {@code ""} to offer none (users then
   * rely on the opt-out variables).
   *
   * @return the management command's name, or {@code ""} for none
   */
  String command() default "telemetry";

  /**
   * How many unsent events the local queue keeps; the oldest are dropped first.
   *
   * @return the queue's capacity in events
   */
  int maxQueuedEvents() default 10_000;

  /**
   * Seconds between uploads: an upload is due this long after the last successful one
   * ({@code TELEMETRY_KIT_FLUSH_INTERVAL} overrides it; 0 makes every run due).
   *
   * @return the upload interval in seconds
   */
  long flushIntervalSeconds() default 3600;

  /**
   * An upload is also due as soon as this many events wait.
   *
   * @return the number of queued events that makes an upload due
   */
  int flushAtEvents() default 100;

  /**
   * The longest a run that starts an upload waits, when its command has ended, for the upload to
   * be under way. The upload itself runs in a separate short-lived process.
   *
   * @return the longest wait in milliseconds
   */
  int exitWaitMillis() default 250;

  /**
   * The consent group this tool shares its user's answer with: for a vendor that ships several
   * CLIs, the user is asked once, and {@code telemetry enable}, {@code disable} and {@code reset}
   * in any of them apply to all the tools of the group. Each tool keeps its own anonymous id and
   * queue. The same rule as a tool name: 1 to 64 lower-case letters, digits, '.', '_' or '-',
   * starting with a letter or digit. See docs/configuration.md, "Consent groups".
   *
   * @return the consent group's name, or {@code ""} for none: the tool asks on its own
   */
  String consentGroup() default "";

  /**
   * The ingest key collector-lite requires for this tool, when its operator set one ({@code
   * --ingest-key my-cli=KEY}): sent with every batch in the {@code X-Telemetry-Kit-Key} header.
   * It ships inside the tool, so it keeps strangers and mistakes from writing into the tool's
   * data, not a determined user of the tool; it is not a secret, and never grants reading
   * anything. 16 to 256 visible ASCII characters without commas, as the collector requires. See docs/collector.md, "Security".
   *
   * @return the ingest key, or {@code ""} for none
   */
  String ingestKey() default "";
}

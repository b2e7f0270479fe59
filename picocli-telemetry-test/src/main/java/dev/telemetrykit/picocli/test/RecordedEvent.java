package dev.telemetrykit.picocli.test;

import dev.telemetrykit.picocli.internal.testkit.KitEvent;
import dev.telemetrykit.picocli.internal.testkit.TestKitJournal;
import dev.telemetrykit.picocli.internal.testkit.TestKitWire;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event a run recorded, or the stand-in collector received: a run of a command ({@link
 * #isCommand()}) or a custom event ({@code Telemetry.track}, {@code trackFeature}, {@code
 * trackMethod}). Its fields are those of docs/protocol.md; the accessors name them as Java does.
 */
public final class RecordedEvent {
  /** The event type of a command's run. */
  public static final String COMMAND_EXECUTED = "command_executed";

  private final String tool;
  private final Map<String, Object> event;
  private final Map<String, Object> metadata;

  RecordedEvent(KitEvent recorded) {
    this.tool = recorded.tool();
    this.event = Collections.unmodifiableMap(recorded.event());
    Object m = recorded.event().get("metadata");
    this.metadata = m instanceof Map ? Collections.unmodifiableMap(cast(m)) : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  /** {@return the tool that recorded it: {@code @TelemetryEnabled(name)}, else {@code @Command(name)}} */
  public String tool() {
    return tool;
  }

  /** {@return the event type, e.g. {@code command_executed}, {@code feature_used} or a custom type} */
  public String type() {
    return (String) event.get("event_type");
  }

  /** {@return whether this is the event of a command's run ({@code command_executed})} */
  public boolean isCommand() {
    return COMMAND_EXECUTED.equals(type());
  }

  /** {@return the event's id, a UUID: the collector's deduplication key} */
  public String eventId() {
    return (String) event.get("event_id");
  }

  /** {@return the anonymous user id (64 hex digits) of the test's user} */
  public String userId() {
    return (String) event.get("user_id");
  }

  /** {@return the id shared by the events of one run} */
  public String sessionId() {
    return (String) event.get("session_id");
  }

  /** {@return when it happened} */
  public Instant timestamp() {
    return Instant.ofEpochMilli(((Number) event.get("timestamp")).longValue());
  }

  /** {@return everything recorded with it: the command's or the custom event's fields and the platform's} */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * The command's path below the tool, e.g. {@code remote add}; the tool's name for a run of the
   * top-level command alone.
   *
   * @return the command's path
   * @throws IllegalStateException if this is not a command's run
   */
  public String command() {
    return (String) commandField("command");
  }

  /**
   * The names of the options given, as the longest name of each (e.g. {@code --target}), never
   * their values.
   *
   * @return the option names
   * @throws IllegalStateException if this is not a command's run
   */
  @SuppressWarnings("unchecked")
  public List<String> options() {
    Object options = commandField("options");
    return options == null ? List.of() : Collections.unmodifiableList((List<String>) options);
  }

  /**
   * The values recorded, by option name: only those of options marked {@code @TelemetrySafe} and
   * of enum options; a string, or a list of strings for a multi-value option.
   *
   * @return the values recorded, by option name
   * @throws IllegalStateException if this is not a command's run
   */
  public Map<String, Object> optionValues() {
    Object values = commandField("option_values");
    return values == null ? Map.of() : Collections.unmodifiableMap(cast(values));
  }

  /**
   * Whether the run succeeded: it threw nothing and exited 0.
   *
   * @return whether the run succeeded: it threw nothing and exited 0
   * @throws IllegalStateException if this is not a command's run
   */
  public boolean success() {
    return (Boolean) commandField("success");
  }

  /**
   * The run's exit code, as {@code CommandLine.execute} returned it.
   *
   * @return the run's exit code, as {@code CommandLine.execute} returned it
   * @throws IllegalStateException if this is not a command's run
   */
  public int exitCode() {
    return ((Number) commandField("exit_code")).intValue();
  }

  /**
   * How long the command ran, in milliseconds.
   *
   * @return how long the command ran, in milliseconds
   * @throws IllegalStateException if this is not a command's run
   */
  public long durationMillis() {
    return ((Number) commandField("duration_ms")).longValue();
  }

  /**
   * The class name of the exception that ended the run (e.g. {@code java.io.IOException}), never
   * its message; null when none did.
   *
   * @return the exception's class name, or null
   * @throws IllegalStateException if this is not a command's run
   */
  public String error() {
    return (String) commandField("error");
  }

  /**
   * A custom event's properties, as passed to {@code Telemetry.track} (with {@code feature} or
   * {@code method} for {@code trackFeature} and {@code trackMethod}): the metadata without what
   * every event carries (version, os, arch, java_version, ci, interactive). Numbers are {@code
   * Long} or {@code Double}, enums their names.
   * @return the event's own properties, by key
   */
  public Map<String, Object> properties() {
    Map<String, Object> own = new LinkedHashMap<>(metadata);
    own.keySet().removeAll(TestKitJournal.CONTEXT_KEYS);
    return Collections.unmodifiableMap(own);
  }

  private Object commandField(String key) {
    if (!isCommand()) {
      throw new IllegalStateException("'" + key + "' belongs to a command's run, and this is a " + type()
          + " event: " + this);
    }
    return metadata.get(key);
  }

  /**
   * Whether {@code other} is the same event: the same tool and the same fields, as read again
   * later or received by the collector.
   *
   * @param other another object
   * @return true when both hold the same event
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof RecordedEvent
        && tool.equals(((RecordedEvent) other).tool) && event.equals(((RecordedEvent) other).event);
  }

  /** A hash of the tool and the fields, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return 31 * tool.hashCode() + event.hashCode();
  }

  /** The tool's name and the event as JSON, for assertion messages. */
  @Override
  public String toString() {
    return tool + " " + TestKitWire.compact(event);
  }
}

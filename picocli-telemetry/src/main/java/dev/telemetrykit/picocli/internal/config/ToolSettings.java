package dev.telemetrykit.picocli.internal.config;

/**
 * What the author declared for a tool, before the environment is applied.
 *
 * @param name the tool name ({@code @TelemetryEnabled(name)} or {@code @Command(name)})
 * @param endpoint the collector URL from the annotation
 * @param privacyUrl the privacy page, may be empty
 * @param policyVersion the version of what is collected
 * @param maxQueuedEvents the cap on unsent events
 * @param showInHelp whether {@code telemetry} shows in usage help
 * @param flushIntervalSeconds seconds between uploads
 * @param flushAtEvents how many waiting events make an upload due
 * @param exitWaitMillis how long a run waits for its upload to be under way
 */
public record ToolSettings(
    String name,
    String endpoint,
    String privacyUrl,
    int policyVersion,
    int maxQueuedEvents,
    boolean showInHelp,
    long flushIntervalSeconds,
    int flushAtEvents,
    int exitWaitMillis) {

  public ToolSettings {
    if (policyVersion < 1) {
      throw new IllegalArgumentException(
          "@TelemetryEnabled(policyVersion) must be 1 or more, was " + policyVersion);
    }
    if (maxQueuedEvents < 1) {
      throw new IllegalArgumentException(
          "@TelemetryEnabled(maxQueuedEvents) must be 1 or more, was " + maxQueuedEvents);
    }
    if (flushIntervalSeconds < 0 || flushAtEvents < 1 || exitWaitMillis < 0) {
      throw new IllegalArgumentException(
          "@TelemetryEnabled needs flushIntervalSeconds >= 0, flushAtEvents >= 1 and exitWaitMillis >= 0");
    }
  }
}

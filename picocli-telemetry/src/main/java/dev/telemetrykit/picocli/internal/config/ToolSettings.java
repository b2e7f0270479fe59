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
 */
public record ToolSettings(
    String name,
    String endpoint,
    String privacyUrl,
    int policyVersion,
    int maxQueuedEvents,
    boolean showInHelp) {

  public ToolSettings {
    if (policyVersion < 1) {
      throw new IllegalArgumentException(
          "@TelemetryEnabled(policyVersion) must be 1 or more, was " + policyVersion);
    }
    if (maxQueuedEvents < 1) {
      throw new IllegalArgumentException(
          "@TelemetryEnabled(maxQueuedEvents) must be 1 or more, was " + maxQueuedEvents);
    }
  }
}

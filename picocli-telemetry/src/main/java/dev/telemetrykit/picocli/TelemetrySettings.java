package dev.telemetrykit.picocli;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.config.TelemetryAnnotation;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import java.net.URI;

/**
 * The author's telemetry settings made in code, for an app that builds its {@code CommandLine}
 * itself (a programmatic {@code CommandSpec}, a factory, staging and production builds that send to
 * different collectors): the same settings as {@link TelemetryEnabled}, each builder method named
 * as the annotation's attribute, with the same defaults and rules. Immutable.
 *
 * <pre>{@code
 * TelemetrySettings settings = TelemetrySettings.builder("my-cli")
 *     .endpoint(staging ? "https://telemetry.staging.example.com" : "https://telemetry.example.com")
 *     .privacyUrl("https://example.com/telemetry")
 *     .version(BuildInfo.VERSION)
 *     .build();
 * System.exit(Telemetry.install(new CommandLine(spec), settings).execute(args));
 * }</pre>
 *
 * <p>The user's settings still win over the author's: {@code <TOOL>_TELEMETRY_ENDPOINT}, {@code
 * TELEMETRY_KIT_ENDPOINT} and {@code -Dtelemetrykit.endpoint} replace the endpoint, and every
 * opt-out applies (docs/configuration.md).
 */
public final class TelemetrySettings {
  private final TelemetryAnnotation declared;

  private TelemetrySettings(TelemetryAnnotation declared) {
    this.declared = declared;
  }

  /**
   * Starts the settings of the tool {@code name}.
   *
   * @param name the tool's name in telemetry, in its file names and in {@code <TOOL>_TELEMETRY_*}
   *     variables: 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit
   * @return a builder with the annotation's defaults; {@code endpoint} must be set
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The settings as the SDK's internals hold them; null when a number was out of range outside
   * strict mode, so that the app runs without telemetry.
   */
  TelemetryAnnotation declared() {
    return declared;
  }

  /** Builds {@link TelemetrySettings}; not thread-safe, as builders are. */
  public static final class Builder {
    private final String name;
    private String endpoint;
    private String privacyUrl = "";
    private String version = "";
    private String command = "telemetry";
    private boolean showInHelp;
    private int policyVersion = 1;
    private String consentGroup = "";
    private String ingestKey = "";
    private int maxQueuedEvents = 10_000;
    private long flushIntervalSeconds = 3600;
    private int flushAtEvents = 100;
    private int exitWaitMillis = 250;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * The collector's base URL, as {@link TelemetryEnabled#endpoint}: an absolute http or https URL.
     *
     * @param value e.g. {@code https://telemetry.example.com}
     * @return this builder
     */
    public Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    /**
     * The collector's base URL, as {@link #endpoint(String)}.
     *
     * @param value e.g. {@code URI.create("https://telemetry.example.com")}
     * @return this builder
     */
    public Builder endpoint(URI value) {
      endpoint = value == null ? null : value.toString();
      return this;
    }

    /**
     * The privacy page shown in the consent box, as {@link TelemetryEnabled#privacyUrl}.
     *
     * @param value the page's URL, or null or {@code ""} for none
     * @return this builder
     */
    public Builder privacyUrl(String value) {
      privacyUrl = value == null ? "" : value;
      return this;
    }

    /**
     * The tool's version in telemetry, as {@link TelemetryEnabled#version}.
     *
     * @param value the version, or null or {@code ""} to take it from {@code @Command(version)}
     * @return this builder
     */
    public Builder version(String value) {
      version = value == null ? "" : value;
      return this;
    }

    /**
     * The management command's name, as {@link TelemetryEnabled#command}.
     *
     * @param value e.g. {@code telemetry} (the default), or {@code ""} for none
     * @return this builder
     */
    public Builder command(String value) {
      command = value;
      return this;
    }

    /**
     * Whether usage help lists the management command, as {@link TelemetryEnabled#showInHelp}.
     *
     * @param value true to list it
     * @return this builder
     */
    public Builder showInHelp(boolean value) {
      showInHelp = value;
      return this;
    }

    /**
     * The version of what is collected, as {@link TelemetryEnabled#policyVersion}.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder policyVersion(int value) {
      policyVersion = value;
      return this;
    }

    /**
     * The consent group whose one answer covers this tool, as {@link TelemetryEnabled#consentGroup}.
     *
     * @param value the group's name, or null or {@code ""} for none
     * @return this builder
     */
    public Builder consentGroup(String value) {
      consentGroup = value == null ? "" : value;
      return this;
    }

    /**
     * The collector's ingest key for this tool, as {@link TelemetryEnabled#ingestKey}.
     *
     * @param value the key, or null or {@code ""} for none
     * @return this builder
     */
    public Builder ingestKey(String value) {
      ingestKey = value == null ? "" : value;
      return this;
    }

    /**
     * The queue's capacity in events, as {@link TelemetryEnabled#maxQueuedEvents}.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder maxQueuedEvents(int value) {
      maxQueuedEvents = value;
      return this;
    }

    /**
     * Seconds between uploads, as {@link TelemetryEnabled#flushIntervalSeconds}.
     *
     * @param value 0 or more
     * @return this builder
     */
    public Builder flushIntervalSeconds(long value) {
      flushIntervalSeconds = value;
      return this;
    }

    /**
     * How many queued events make an upload due, as {@link TelemetryEnabled#flushAtEvents}.
     *
     * @param value 1 or more
     * @return this builder
     */
    public Builder flushAtEvents(int value) {
      flushAtEvents = value;
      return this;
    }

    /**
     * The longest wait for an upload to be under way, as {@link TelemetryEnabled#exitWaitMillis}.
     *
     * @param value 0 or more milliseconds
     * @return this builder
     */
    public Builder exitWaitMillis(int value) {
      exitWaitMillis = value;
      return this;
    }

    /**
     * The settings. A value that breaks a rule is the author's mistake, handled as one in the
     * annotation: in strict mode (the author's tests and debug runs, see docs/configuration.md,
     * "Author mistakes") this throws; in a user's run the app runs without telemetry (an unusable
     * endpoint is then named by {@code telemetry status}).
     *
     * @return the settings
     * @throws IllegalArgumentException in strict mode, when a value breaks a rule: the message names
     *     the setting and its value
     */
    public TelemetrySettings build() {
      return build(HostEnvironment.system());
    }

    /** As {@link #build()}, with strict mode decided by {@code host}. */
    TelemetrySettings build(HostEnvironment host) {
      String problem = problem();
      if (problem != null && host.strict()) {
        throw new IllegalArgumentException(problem);
      }
      if (TelemetryAnnotation.rangeProblem(true, policyVersion, maxQueuedEvents, flushIntervalSeconds, flushAtEvents,
          exitWaitMillis) != null || name == null || endpoint == null || command == null) {
        return new TelemetrySettings(null);
      }
      // A bad name, group or endpoint is kept: installing then handles it as the annotation's would.
      return new TelemetrySettings(new TelemetryAnnotation(name, version, endpoint, privacyUrl, policyVersion,
          maxQueuedEvents, showInHelp, command, flushIntervalSeconds, flushAtEvents, exitWaitMillis, consentGroup,
          ingestKey, true));
    }

    /** The first rule a value breaks, naming the setting and the value; null when none does. */
    String problem() {
      if (!TelemetryConfig.validName(name)) {
        return "TelemetrySettings.builder(name) needs a tool name of 1-64 lower-case letters, digits, '.', '_' or '-'"
            + " (starting with a letter or digit), but the name is " + quoted(name);
      }
      if (endpoint == null) {
        return "TelemetrySettings.endpoint must be set to " + TelemetryAnnotation.ENDPOINT_RULE;
      }
      String endpointProblem = TelemetryAnnotation.endpointProblem(TelemetryConfig.ENDPOINT_SETTINGS_SOURCE, endpoint);
      if (endpointProblem != null) {
        return endpointProblem;
      }
      if (command == null) {
        return "TelemetrySettings.command must not be null: give the management command's name, or \"\" for none";
      }
      String ingestKeyProblem = TelemetryConfig.ingestKeyProblem(true, ingestKey);
      if (ingestKeyProblem != null) {
        return ingestKeyProblem;
      }
      if (!consentGroup.isEmpty() && !TelemetryConfig.validName(consentGroup)) {
        return TelemetryConfig.groupProblem(true, consentGroup);
      }
      return TelemetryAnnotation.rangeProblem(
          true, policyVersion, maxQueuedEvents, flushIntervalSeconds, flushAtEvents, exitWaitMillis);
    }

    private static String quoted(String value) {
      return value == null ? "null" : "'" + value + "'";
    }
  }
}

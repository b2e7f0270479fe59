package dev.telemetrykit.picocli.internal.config;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the SDK needs to know about one tool, built once per run from the annotation and the
 * environment by {@link #from}. Immutable; tests build it from a plain map.
 *
 * @param toolName the service name, e.g. {@code sample-cli}
 * @param endpoint the collector's base URL, from the strongest setting that holds one (see {@link
 *     #from}); not necessarily usable: see {@link #endpointProblem()}
 * @param endpointSource the setting {@code endpoint} came from, as status names it: {@code
 *     <TOOL>_TELEMETRY_ENDPOINT}, {@code TELEMETRY_KIT_ENDPOINT}, {@link #ENDPOINT_PROPERTY_SOURCE},
 *     {@link #ENDPOINT_ANNOTATION_SOURCE} or {@link #ENDPOINT_SETTINGS_SOURCE}
 * @param privacyUrl where users learn more; may be empty
 * @param policyVersion the version of what is collected
 * @param home the data directory, absolute ({@code TELEMETRY_KIT_HOME}; default {@code ~/.telemetry-kit},
 *     on Windows {@code %LOCALAPPDATA%\telemetry-kit})
 * @param policyFile the machine-wide policy file, absolute ({@code TELEMETRY_KIT_POLICY_FILE})
 * @param optOut the environment variable that switches telemetry off, as {@code NAME=value}, or null
 * @param debug {@code TELEMETRY_KIT_DEBUG}: print events to stderr, send nothing
 * @param ci whether a CI system's variable is set
 * @param maxQueuedEvents the cap on unsent events
 * @param showInHelp whether the management command is a listed subcommand of the app
 * @param command the management command's name, e.g. {@code telemetry}; empty when there is none
 * @param promptTimeoutSeconds how long the consent box waits ({@code TELEMETRY_KIT_PROMPT_TIMEOUT})
 * @param flushIntervalSeconds seconds between uploads ({@code TELEMETRY_KIT_FLUSH_INTERVAL})
 * @param flushAtEvents how many waiting events make an upload due
 * @param exitWaitMillis how long a run waits for its upload to be under way
 * @param consentGroup the consent group whose answer covers this tool ({@link #groupStateFile}); empty for none
 * @param ingestKey the collector's ingest key for this tool, sent with every batch; empty for none
 */
public record TelemetryConfig(
    String toolName,
    String endpoint,
    String endpointSource,
    String privacyUrl,
    int policyVersion,
    Path home,
    Path policyFile,
    String optOut,
    boolean debug,
    boolean ci,
    int maxQueuedEvents,
    boolean showInHelp,
    String command,
    int promptTimeoutSeconds,
    long flushIntervalSeconds,
    int flushAtEvents,
    int exitWaitMillis,
    String consentGroup,
    String ingestKey) {

  private static final int MAX_NAME_LENGTH = 64;
  private static final int MIN_INGEST_KEY_LENGTH = 16;
  private static final int MAX_INGEST_KEY_LENGTH = 256;

  /** The system property that sets the collector's URL, for wrappers and a launcher's {@code -D}. */
  public static final String ENDPOINT_PROPERTY = "telemetrykit.endpoint";

  /** How status and problems name {@link #ENDPOINT_PROPERTY} as the endpoint's source. */
  public static final String ENDPOINT_PROPERTY_SOURCE = "system property " + ENDPOINT_PROPERTY;

  /** How status and problems name the author's annotation as the endpoint's source. */
  public static final String ENDPOINT_ANNOTATION_SOURCE = "@TelemetryEnabled(endpoint)";

  /** How status and problems name the endpoint of {@code TelemetrySettings}, the author's settings in code. */
  public static final String ENDPOINT_SETTINGS_SOURCE = "TelemetrySettings.endpoint";

  /** Long enough to read the consent box, short enough not to hold up an unattended run for long. */
  static final int DEFAULT_PROMPT_TIMEOUT_SECONDS = 30;

  /** The machine-wide policy file administrators use to switch telemetry off (Windows: see {@link #from}). */
  public static final String DEFAULT_POLICY_FILE = "/etc/telemetry-kit/policy.json";

  /** Variables set by CI systems; any of them means "never prompt, never block". */
  private static final String[] CI_VARIABLES = {
    "CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL",
    "TF_BUILD", "CIRCLECI", "TRAVIS", "TEAMCITY_VERSION", "BITBUCKET_BUILD_NUMBER",
    "CODEBUILD_BUILD_ID", "DRONE", "APPVEYOR", "BUILD_BUILDID", "SEMAPHORE", "BUDDY",
    "HEROKU_TEST_RUN_ID", "CF_BUILD_ID"
  };

  /**
   * Builds the configuration of a tool from the author's annotation and the process it runs in:
   * its environment variables, home directory, operating system ({@code os.name}) and the
   * {@link #ENDPOINT_PROPERTY} system property.
   *
   * @param declared the author's settings ({@code @TelemetryEnabled})
   * @param tool the tool's name: the annotation's, else {@code @Command(name)}
   * @throws IllegalArgumentException when {@code tool} or the consent group is not a valid name (the
   *     message says how to name it)
   */
  public static TelemetryConfig from(TelemetryAnnotation declared, String tool, HostEnvironment host) {
    Properties properties = host.systemProperties();
    String testHome = host.testKitHome();
    return from(declared, tool, testHome == null ? host.env() : inTestHome(host.env(), testHome), host.userHome(),
        properties.getProperty("os.name", ""), properties.getProperty(ENDPOINT_PROPERTY));
  }

  /**
   * {@code env} with the test kit's directory ({@link HostEnvironment#TEST_HOME_PROPERTY}) as the
   * data directory and the place of the policy file: a test's runs then neither read nor write the
   * user's files, nor obey the machine's policy.
   */
  private static Map<String, String> inTestHome(Map<String, String> env, String testHome) {
    Map<String, String> isolated = new java.util.HashMap<>(env);
    isolated.put("TELEMETRY_KIT_HOME", testHome);
    isolated.put("TELEMETRY_KIT_POLICY_FILE", Path.of(testHome, ".policy.json").toString());
    return isolated;
  }

  /**
   * As {@link #from(TelemetryAnnotation, String, HostEnvironment)}, on the operating system this
   * JVM runs on.
   *
   * @param env the process environment, or a map standing in for it
   * @param userHome the user's home directory
   */
  public static TelemetryConfig from(TelemetryAnnotation declared, String tool, Map<String, String> env, Path userHome) {
    return from(declared, tool, env, userHome, System.getProperty("os.name", ""));
  }

  /**
   * The configuration of a tool, with every decision about where its files are made here: the
   * data directory and the policy file, from the environment, else the operating system's usual
   * place (Windows differs, see docs/configuration.md). A relative {@code TELEMETRY_KIT_HOME} or
   * {@code TELEMETRY_KIT_POLICY_FILE} is resolved now, against the working directory, so that
   * every path this run prints or hands on is absolute.
   *
   * @param osName the {@code os.name} of the process being configured, e.g. {@code Windows 11}
   */
  public static TelemetryConfig from(
      TelemetryAnnotation declared, String tool, Map<String, String> env, Path userHome, String osName) {
    return from(declared, tool, env, userHome, osName, null);
  }

  /**
   * As {@link #from(TelemetryAnnotation, String, Map, Path, String)}, with the endpoint the strongest
   * of, in this order: the tool's own {@code <TOOL>_TELEMETRY_ENDPOINT}, the machine-wide {@code
   * TELEMETRY_KIT_ENDPOINT}, the {@link #ENDPOINT_PROPERTY} system property, the annotation. The
   * variables come first because they are what the user sets for this run, while the property
   * usually sits in a launcher's configuration the tool was shipped with; the tool's own variable
   * beats the machine-wide one because it is the narrower choice. Blank values are skipped.
   *
   * @param endpointProperty the {@link #ENDPOINT_PROPERTY} system property, or null
   */
  public static TelemetryConfig from(TelemetryAnnotation declared, String tool, Map<String, String> env,
      Path userHome, String osName, String endpointProperty) {
    requireValidName(tool);
    String group = declared.consentGroup();
    if (!group.isEmpty() && !validName(group)) {
      throw new IllegalArgumentException(groupProblem(declared.inCode(), group));
    }
    String ingestKeyProblem = ingestKeyProblem(declared.inCode(), declared.ingestKey());
    if (ingestKeyProblem != null) {
      throw new IllegalArgumentException(ingestKeyProblem);
    }
    String source = HostEnvironment.toolEndpointVariable(tool);
    String endpoint = nonEmpty(env.get(source), null);
    if (endpoint == null) {
      source = "TELEMETRY_KIT_ENDPOINT";
      endpoint = nonEmpty(env.get(source), null);
    }
    if (endpoint == null) {
      source = ENDPOINT_PROPERTY_SOURCE;
      endpoint = nonEmpty(endpointProperty, null);
    }
    if (endpoint == null) {
      source = declared.inCode() ? ENDPOINT_SETTINGS_SOURCE : ENDPOINT_ANNOTATION_SOURCE;
      endpoint = declared.endpoint();
    }
    boolean windows = osName != null && osName.startsWith("Windows");
    return new TelemetryConfig(
        tool,
        endpoint,
        source,
        declared.privacyUrl(),
        declared.policyVersion(),
        dataHome(env, userHome, windows),
        policyFile(env, windows),
        HostEnvironment.optOut(env, tool),
        HostEnvironment.isSet(env.get("TELEMETRY_KIT_DEBUG")),
        isCi(env),
        declared.maxQueuedEvents(),
        declared.showInHelp(),
        declared.command(),
        seconds(env.get("TELEMETRY_KIT_PROMPT_TIMEOUT"), DEFAULT_PROMPT_TIMEOUT_SECONDS),
        flushInterval(env.get("TELEMETRY_KIT_FLUSH_INTERVAL"), declared.flushIntervalSeconds()),
        declared.flushAtEvents(),
        declared.exitWaitMillis(),
        group,
        declared.ingestKey());
  }

  /**
   * {@code TELEMETRY_KIT_HOME}; else {@code ~/.telemetry-kit}, where existing users' data already
   * is; on Windows the per-user application data folder instead, {@code %LOCALAPPDATA%\telemetry-kit}.
   */
  private static Path dataHome(Map<String, String> env, Path userHome, boolean windows) {
    String set = env.get("TELEMETRY_KIT_HOME");
    if (set != null && !set.isBlank()) {
      return absolute(set);
    }
    if (!windows) {
      return userHome.resolve(".telemetry-kit");
    }
    String local = nonEmpty(env.get("LOCALAPPDATA"), null);
    if (local == null) {
      String profile = nonEmpty(env.get("USERPROFILE"), userHome.toString());
      local = windowsChild(profile, "AppData\\Local");
    }
    return Path.of(windowsChild(local, "telemetry-kit"));
  }

  /**
   * {@code TELEMETRY_KIT_POLICY_FILE}; else {@link #DEFAULT_POLICY_FILE}; on Windows, where that
   * would be {@code \etc\...} on whatever drive is current, the machine-wide application data
   * folder: {@code %ProgramData%\telemetry-kit\policy.json}.
   */
  private static Path policyFile(Map<String, String> env, boolean windows) {
    String set = env.get("TELEMETRY_KIT_POLICY_FILE");
    if (set != null && !set.isBlank()) {
      return absolute(set);
    }
    if (!windows) {
      return Path.of(DEFAULT_POLICY_FILE);
    }
    String programData = nonEmpty(env.get("ProgramData"), nonEmpty(env.get("ALLUSERSPROFILE"), "C:\\ProgramData"));
    return Path.of(windowsChild(programData, "telemetry-kit\\policy.json"));
  }

  /**
   * {@code parent\child} as text: built by hand rather than with {@code Path.resolve}, so that the
   * Windows decisions can be tested on any system (resolve would join with this system's separator).
   */
  private static String windowsChild(String parent, String child) {
    return parent.endsWith("\\") || parent.endsWith("/") ? parent + child : parent + "\\" + child;
  }

  /**
   * {@code value} as an absolute path, a relative one resolved against the working directory
   * ({@code user.dir}): once, here, so that the paths status prints, and the upload process and
   * the management command's child JVM are given, name the same directory whatever their own
   * working directory.
   */
  private static Path absolute(String value) {
    Path path = Path.of(value);
    return path.isAbsolute() ? path : path.toAbsolutePath();
  }

  /**
   * Whether {@code endpoint} is a setting of the user's (either variable, or the system property)
   * rather than the author's annotation: an unusable value is then the user's to correct, and is
   * never thrown, even in strict mode.
   */
  public boolean endpointFromEnvironment() {
    return !ENDPOINT_ANNOTATION_SOURCE.equals(endpointSource) && !ENDPOINT_SETTINGS_SOURCE.equals(endpointSource);
  }

  /**
   * Why the endpoint cannot be used, naming the setting it came from and what it must be; null
   * when it can. A run whose {@code @TelemetryEnabled(endpoint)} is unusable records nothing (the
   * author's mistake; thrown in strict mode); one whose endpoint is the user's setting ({@link
   * #endpointFromEnvironment}) records, and its events stay queued until the user corrects or
   * unsets it.
   */
  public String endpointProblem() {
    return TelemetryAnnotation.endpointProblem(endpointSource, endpoint);
  }

  /**
   * How users type a management command, for hints such as {@code run 'my-cli telemetry flush'}.
   *
   * @param subcommand e.g. {@code flush}
   */
  public String manage(String subcommand) {
    return manageCommand() + " " + subcommand;
  }

  /** How users type the management command, e.g. {@code my-cli telemetry}. */
  public String manageCommand() {
    return toolName + " " + (command.isEmpty() ? "telemetry" : command);
  }

  /** Counts the invalid custom events the app passed, for {@code telemetry status}. */
  public Path problemNoteFile() {
    return home.resolve(toolName + ".problems");
  }

  /** The tool version whose command tree was last recorded here (an {@code inventory} event each command). */
  public Path inventoryNoteFile() {
    return home.resolve(toolName + ".inventory");
  }

  /** The state file: consent, policy version, salt. */
  public Path stateFile() {
    return home.resolve(toolName + ".json");
  }

  /** Whether this tool shares its user's answer with a consent group. */
  public boolean grouped() {
    return !consentGroup.isEmpty();
  }

  /**
   * The consent group's state file, {@code groups/<group>.json} under the data home: the group's
   * answer, and the anonymous id of each of its tools. A directory of its own, because a group
   * file next to the tools' could have a tool's file name. Null when the tool is in no group.
   */
  public Path groupStateFile() {
    return grouped() ? home.resolve("groups").resolve(consentGroup + ".json") : null;
  }

  /** This configuration for {@code tool}, another tool of the same data home: for its file names. */
  public TelemetryConfig forTool(String tool) {
    return new TelemetryConfig(tool, endpoint, endpointSource, privacyUrl, policyVersion, home, policyFile, optOut,
        debug, ci, maxQueuedEvents, showInHelp, command, promptTimeoutSeconds, flushIntervalSeconds, flushAtEvents,
        exitWaitMillis, consentGroup, ingestKey);
  }

  /** The SQLite queue. */
  public Path databaseFile() {
    return home.resolve(toolName + ".db");
  }

  /** The journal: one small file per recorded event, moved into the queue later. */
  public Path journalDirectory() {
    return home.resolve(toolName + ".journal");
  }

  /** Whole seconds ({@code 3600}) or an ISO-8601 duration ({@code PT1H}); else the fallback. */
  static long flushInterval(String value, long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      return Math.max(0, Long.parseLong(v));
    } catch (NumberFormatException notSeconds) {
      try {
        return Math.max(0, java.time.Duration.parse(v).getSeconds());
      } catch (RuntimeException notIso) {
        return fallback;
      }
    }
  }

  /** The file holding the upload schedule and the last upload's outcome. */
  public Path syncStateFile() {
    return home.resolve(toolName + ".sync.json");
  }

  /** Present while an upload process started by a run has not ended. */
  public Path uploadClaimFile() {
    return home.resolve(toolName + ".upload.claim");
  }

  /** Held by the one process of this tool that uploads at any time. */
  public Path flushLockFile() {
    return home.resolve(toolName + ".flush.lock");
  }

  private static int seconds(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int seconds = Integer.parseInt(value.trim());
      return seconds > 0 ? seconds : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static boolean isCi(Map<String, String> env) {
    for (String name : CI_VARIABLES) {
      if (HostEnvironment.isSet(env.get(name))) {
        return true;
      }
    }
    return false;
  }

  private static String nonEmpty(String preferred, String fallback) {
    return preferred == null || preferred.isBlank() ? fallback : preferred.trim();
  }

  /**
   * Checks that {@code name} is a valid service name: 1 to 64 characters of lower-case letters,
   * digits, '.', '_' or '-', starting with a letter or digit.
   *
   * @throws IllegalArgumentException saying how to name the tool
   */
  public static void requireValidName(String name) {
    if (!validName(name)) {
      throw new IllegalArgumentException(
          "Telemetry needs a tool name of 1-64 lower-case letters, digits, '.', '_' or '-' "
              + "(starting with a letter or digit), but the name is '" + name + "'. "
              + "Set @Command(name = \"my-cli\") or @TelemetryEnabled(name = \"my-cli\").");
    }
  }

  /**
   * Why {@code key} cannot be an ingest key, saying what it must be; null when it can. The rule is
   * collector-lite's for {@code --ingest-key}: 16 to 256 visible ASCII characters, no commas ("" for
   * none). The key itself is not repeated: messages may end up in a user's log.
   */
  public static String ingestKeyProblem(boolean inCode, String key) {
    if (key.isEmpty()) {
      return null;
    }
    boolean visible = true;
    for (int i = 0; visible && i < key.length(); i++) {
      visible = key.charAt(i) > ' ' && key.charAt(i) < 0x7f && key.charAt(i) != ',';
    }
    if (visible && key.length() >= MIN_INGEST_KEY_LENGTH && key.length() <= MAX_INGEST_KEY_LENGTH) {
      return null;
    }
    return TelemetryAnnotation.setting(inCode, "ingestKey")
        + " must be 16-256 visible ASCII characters without spaces or commas, but has " + key.length() + " characters"
        + (visible ? "" : ", not all of them allowed");
  }

  /** Why {@code group} cannot name a consent group, saying what it must be. */
  public static String groupProblem(boolean inCode, String group) {
    return TelemetryAnnotation.setting(inCode, "consentGroup")
        + " must be 1-64 lower-case letters, digits, '.', '_' or '-' (starting with a letter or digit), but is '"
        + group + "'";
  }

  /** Whether {@code name} is a valid tool or group name: see {@link #requireValidName}. */
  public static boolean validName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

}

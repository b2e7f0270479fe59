package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.consent.ConsentPrompt;
import dev.telemetrykit.picocli.internal.consent.TerminalConsentPrompt;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the SDK reads from the process it runs in, gathered in one place so that tests can
 * hand in a map, a temp dir and a fake clock instead of changing process state; and the rules of
 * the environment variables that switch telemetry off, strongest first: {@code DO_NOT_TRACK},
 * {@code TELEMETRY_KIT_DISABLED}, then the tool's own {@code <TOOL>_TELEMETRY_DISABLED}.
 *
 * <p>The opt-outs are checked before anything else is loaded or read, so an opted-out run costs
 * next to nothing; they are here, on a class every run loads, rather than in a class of their
 * own, because each class a run loads costs it ~0.3 ms (docs/benchmarks.md).
 */
public final class HostEnvironment {
  private final Map<String, String> env;
  private Path userHome;
  private final Properties systemProperties;
  private final PrintStream err;
  private final TimeSource time;
  private Boolean interactive;
  private ConsentPrompt consentPrompt;
  private Boolean nativeAccessRestricted;
  private Boolean testRunWithoutKit;

  /**
   * @param env the environment variables
   * @param userHome the user's home directory; null for the {@code user.home} system property
   * @param systemProperties for os, arch and Java version
   * @param err where debug output goes
   * @param interactive whether stdin and stdout are both terminals; null to detect when asked
   * @param time the clocks; null for the system's
   * @param consentPrompt how to ask the user; null for the terminal consent box
   */
  public HostEnvironment(
      Map<String, String> env,
      Path userHome,
      Properties systemProperties,
      PrintStream err,
      Boolean interactive,
      TimeSource time,
      ConsentPrompt consentPrompt) {
    this.env = env;
    this.userHome = userHome;
    this.systemProperties = systemProperties;
    this.err = err;
    this.interactive = interactive;
    this.time = time;
    this.consentPrompt = consentPrompt;
    this.nativeAccessRestricted = Boolean.FALSE;
    this.testRunWithoutKit = Boolean.FALSE;
  }

  /** The environment of this process. */
  public static HostEnvironment system() {
    HostEnvironment system = new HostEnvironment(
        System.getenv(),
        null, // from user.home when first asked: an opted-out run makes no Path (on JDK 25 the first
        // one initializes the default file system, ~1 ms)
        System.getProperties(),
        System.err,
        null,
        null,
        null);
    system.nativeAccessRestricted = null; // asked when needed
    system.testRunWithoutKit = null;
    return system;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path userHome() {
    if (userHome == null) {
      userHome = Path.of(System.getProperty("user.home", "."));
    }
    return userHome;
  }

  public Properties systemProperties() {
    return systemProperties;
  }

  public PrintStream err() {
    return err;
  }

  public TimeSource time() {
    // The system clocks when none was given, named only here: an opted-out run loads no clock.
    return time != null ? time : TimeSource.SYSTEM;
  }

  /**
   * How to ask the user for consent: the injected prompt, else the terminal consent box. Made
   * only when asking (it brings in JLine), and named only here, so that ordinary runs load none of
   * the consent classes.
   */
  public ConsentPrompt consentPrompt() {
    if (consentPrompt == null) {
      consentPrompt = TerminalConsentPrompt.create();
    }
    return consentPrompt;
  }

  /**
   * Whether loading a native library (SQLite's) in this JVM would make the JDK print its warning
   * about restricted methods, so that it is done in a child JVM instead ({@link ChildJvm}). An
   * environment built by the public constructor, a test's, says no: it runs everything here.
   */
  public boolean nativeAccessRestricted() {
    if (nativeAccessRestricted == null) {
      nativeAccessRestricted = NativeAccess.restricted();
    }
    return nativeAccessRestricted;
  }

  /** Whether stdin and stdout are both terminals. */
  public boolean interactive() {
    if (interactive == null) {
      interactive = terminals(); // asked lazily: an opted-out run does not need it
    }
    return interactive;
  }

  /**
   * Whether stdin and stdout are both terminals. Up to Java 21, {@code System.console()} says so,
   * in ~0.2 ms. From Java 22 it looks for a console provider first, which costs ~15 ms on JDK 25
   * (JLine's, in the JDK), and may return a console for redirected streams; so there, where Linux
   * shows where the descriptors lead, they are read from {@code /proc/self/fd} instead, and
   * elsewhere the console is asked {@code isTerminal()}.
   */
  public static boolean terminals() {
    if (javaFeature() < 22) {
      return System.console() != null;
    }
    if (new File("/proc/self/fd").isDirectory()) {
      return isTerminal(0) && isTerminal(1);
    }
    java.io.Console console = System.console();
    try {
      return console != null && (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return console != null;
    }
  }

  private static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The Java feature release this runs on, e.g. 17 or 25, without parsing the whole version. */
  private static int javaFeature() {
    String spec = System.getProperty("java.specification.version", "17");
    try {
      return spec.startsWith("1.") ? 8 : Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      return 17;
    }
  }

  /**
   * Whether an author's mistake (no {@code @TelemetryEnabled}, an invalid tool name, an invalid
   * custom event) throws, for the author to see, rather than being swallowed so that the end
   * user's run goes on. {@code TELEMETRY_KIT_STRICT} decides when set ({@code 1} or {@code 0});
   * else it is strict in debug mode ({@code TELEMETRY_KIT_DEBUG}) and under a test framework
   * (JUnit or TestNG on the class path): the author's own tests. Asked only once a mistake
   * happened, so an ordinary run never looks.
   */
  public boolean strict() {
    String forced = env.get("TELEMETRY_KIT_STRICT");
    if (forced != null && !forced.isBlank()) {
      return isSet(forced);
    }
    return isSet(env.get("TELEMETRY_KIT_DEBUG")) || testFrameworkPresent();
  }

  /**
   * The system property through which the test kit ({@code picocli-telemetry-test}) gives the runs
   * of this JVM a data directory of their own: while set, it replaces {@code TELEMETRY_KIT_HOME}
   * and the default directory, and the policy file is read from it too.
   */
  public static final String TEST_HOME_PROPERTY = "telemetrykit.test.home";

  /** The consent the test kit gives a tool that has no state file in its directory yet. */
  public static final String TEST_CONSENT_PROPERTY = "telemetrykit.test.consent";

  /** The variable that makes an app record under a test framework without the test kit. */
  public static final String RECORD_IN_TESTS_VARIABLE = "TELEMETRY_KIT_RECORD_IN_TESTS";

  /** The system property that does what {@link #RECORD_IN_TESTS_VARIABLE} does. */
  public static final String RECORD_IN_TESTS_PROPERTY = "telemetrykit.recordInTests";

  /** The test kit's data directory ({@link #TEST_HOME_PROPERTY}), or null when the kit is not active. */
  public String testKitHome() {
    String home = systemProperties.getProperty(TEST_HOME_PROPERTY);
    return home == null || home.isBlank() ? null : home;
  }

  /**
   * Whether this run is part of an author's test suite that did not activate the test kit: a
   * test framework (JUnit, TestNG) is on the class path, the kit's directory is not set, and
   * neither {@link #RECORD_IN_TESTS_VARIABLE} nor {@link #RECORD_IN_TESTS_PROPERTY} asks to record.
   * Such a run records, asks and uploads nothing, as if opted out: the app's unit tests on a
   * machine whose user once said yes must not send the author's test runs as real usage. Asked
   * only by a run that would record or ask, so that opted-out and denied runs never look; an
   * environment built by the public constructor, a test's, says no.
   */
  public boolean testRunWithoutKit() {
    if (testRunWithoutKit == null) {
      testRunWithoutKit = testKitHome() == null
          && !isSet(env.get(RECORD_IN_TESTS_VARIABLE))
          && !isSet(systemProperties.getProperty(RECORD_IN_TESTS_PROPERTY))
          && testFrameworkPresent();
    }
    return testRunWithoutKit;
  }

  /**
   * Whether JUnit or TestNG is on the class path. Asked by class name, not for the class file as a
   * resource: looking a resource up searches the JDK's own modules first, which loads two classes
   * more on a recorded run (up to 30 in a small app); a class name outside every module's packages
   * goes straight to the class path and loads nothing when absent.
   */
  private static boolean testFrameworkPresent() {
    ClassLoader loader = HostEnvironment.class.getClassLoader();
    if (loader == null) {
      return false;
    }
    for (String name : TEST_FRAMEWORKS) {
      try {
        Class.forName(name, false, loader);
        return true;
      } catch (ClassNotFoundException absent) {
        // the next framework
      } catch (LinkageError present) {
        return true; // its class file is there, and only a dependency of it is not
      }
    }
    return false;
  }

  private static final String[] TEST_FRAMEWORKS = {
    "org.junit.platform.engine.TestEngine", "org.junit.Test", "org.testng.annotations.Test"
  };

  /** The variable that switches {@code tool}'s telemetry off, as {@code NAME=value}, or null. */
  public static String optOut(Map<String, String> env, String tool) {
    String reason = everyToolOptOut(env);
    return reason != null ? reason : toolOptOut(env, tool);
  }

  /**
   * The variable that switches every tool's telemetry off ({@code DO_NOT_TRACK}, {@code
   * TELEMETRY_KIT_DISABLED}), as {@code NAME=value}, or null: checked before the tool is known.
   */
  public static String everyToolOptOut(Map<String, String> env) {
    String reason = setVariable(env, "DO_NOT_TRACK");
    return reason != null ? reason : setVariable(env, "TELEMETRY_KIT_DISABLED");
  }

  /**
   * The tool's own {@code <TOOL>_TELEMETRY_DISABLED}, as {@code NAME=value}, or null: for a caller
   * that has already checked {@link #everyToolOptOut}.
   */
  public static String toolOptOut(Map<String, String> env, String tool) {
    return setVariable(env, toolOptOutVariable(tool));
  }

  /** {@code <TOOL>_TELEMETRY_DISABLED}: the tool name upper-cased, other characters as '_'. */
  public static String toolOptOutVariable(String toolName) {
    return toolVariable(toolName, "_TELEMETRY_DISABLED");
  }

  /** {@code <TOOL>_TELEMETRY_ENDPOINT}, the tool's own collector URL, named as {@link #toolOptOutVariable}. */
  public static String toolEndpointVariable(String toolName) {
    return toolVariable(toolName, "_TELEMETRY_ENDPOINT");
  }

  private static String toolVariable(String toolName, String suffix) {
    char[] name = new char[toolName.length()];
    for (int i = 0; i < name.length; i++) {
      char c = toolName.charAt(i);
      name[i] = (c >= 'a' && c <= 'z') ? (char) (c - 32) : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
    }
    return new String(name).concat(suffix);
  }

  /**
   * True when a flag variable is set to anything but empty, {@code 0}, {@code false}, {@code no}
   * or {@code off} (any case): the rule of the DO_NOT_TRACK convention, applied to all our flags.
   */
  public static boolean isSet(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim();
    return !(v.isEmpty()
        || v.equals("0")
        || v.equalsIgnoreCase("false")
        || v.equalsIgnoreCase("no")
        || v.equalsIgnoreCase("off"));
  }

  /** {@code NAME=value} when the flag variable {@code name} is set, else null. */
  private static String setVariable(Map<String, String> env, String name) {
    String value = env.get(name);
    return isSet(value) ? name + "=" + value : null;
  }
}

package dev.telemetrykit.picocli.internal;

import dev.telemetrykit.picocli.internal.consent.ConsentPrompt;
import dev.telemetrykit.picocli.internal.consent.TerminalConsentPrompt;
import dev.telemetrykit.picocli.internal.run.TimeSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Everything the SDK reads from the process it runs in, gathered in one place so that tests can
 * hand in a map, a temp dir and a fake clock instead of changing process state.
 */
public final class HostEnvironment {
  private final Map<String, String> env;
  private final Path userHome;
  private final Properties systemProperties;
  private final PrintStream err;
  private final TimeSource time;
  private Boolean interactive;
  private ConsentPrompt consentPrompt;

  /**
   * @param env the environment variables
   * @param userHome the user's home directory
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
  }

  /** The environment of this process. */
  public static HostEnvironment system() {
    return new HostEnvironment(
        System.getenv(),
        Path.of(System.getProperty("user.home", ".")),
        System.getProperties(),
        System.err,
        null,
        null,
        null);
  }

  public Map<String, String> env() {
    return env;
  }

  public Path userHome() {
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

  /** Whether stdin and stdout are both terminals. */
  public boolean interactive() {
    if (interactive == null) {
      // Java 17: console() is non-null only when stdin and stdout are both terminals. Asked
      // lazily, since it loads classes an opted-out run does not need.
      interactive = System.console() != null;
    }
    return interactive;
  }
}

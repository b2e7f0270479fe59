package dev.telemetrykit.picocli.internal.testkit;

import dev.telemetrykit.picocli.internal.HostEnvironment;
import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.consent.ConsentRecord;
import dev.telemetrykit.picocli.internal.consent.ConsentState;
import dev.telemetrykit.picocli.internal.consent.Identity;
import dev.telemetrykit.picocli.internal.files.DataHome;
import dev.telemetrykit.picocli.internal.json.JsonFiles;
import dev.telemetrykit.picocli.internal.sync.SyncState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The consent a test gives through the test kit ({@code picocli-telemetry-test}), written the way
 * {@code telemetry enable} and {@code disable} write it, so that the run under test decides
 * exactly as on a user's machine. The kit does not know the tool's name before the first run, so
 * the consent is written when the SDK configures a tool in the kit's directory ({@link #prepare}).
 * Here, in the SDK, because the state and policy files are the SDK's to lay out.
 */
public final class TestKitConsent {
  /** The system property that activates the test kit, naming its data directory. */
  public static final String HOME_PROPERTY = HostEnvironment.TEST_HOME_PROPERTY;
  /** The system property that names the consent a tool gets in the kit's directory. */
  public static final String CONSENT_PROPERTY = HostEnvironment.TEST_CONSENT_PROPERTY;

  /** The word of {@link HostEnvironment#TEST_CONSENT_PROPERTY} for a user who said yes. */
  public static final String GRANTED = "granted";
  /** ... who said no. */
  public static final String DENIED = "denied";
  /** ... who has not been asked. */
  public static final String UNDECIDED = "undecided";
  /** ... whose machine switches telemetry off (the policy file of the kit's directory). */
  public static final String OPTED_OUT = "opted-out";

  private TestKitConsent() {}

  /**
   * Gives {@code config}'s tool the consent the test asked for ({@link
   * HostEnvironment#TEST_CONSENT_PROPERTY}), unless it has a state file already: a {@code telemetry
   * enable} or a consent box answered during the test stands. A failure is printed, never thrown:
   * the run goes on as the files say.
   */
  public static void prepare(TelemetryConfig config, HostEnvironment host) {
    String consent = host.systemProperties().getProperty(HostEnvironment.TEST_CONSENT_PROPERTY, UNDECIDED);
    try {
      DataHome.prepare(config.home());
      if (OPTED_OUT.equals(consent)) {
        if (!Files.exists(config.policyFile())) {
          JsonFiles.writeAtomically(config.policyFile(), Map.of("telemetry", "disabled"));
        }
        return;
      }
      // A grouped tool's answer is the group's (its own file only until it joins).
      if (Files.exists(config.grouped() ? config.groupStateFile() : config.stateFile())) {
        return;
      }
      long now = host.time().epochMillis();
      String decidedAt = Instant.ofEpochMilli(now).toString();
      if (GRANTED.equals(consent)) {
        String salt = Identity.newSalt();
        new ConsentRecord(ConsentState.GRANTED, config.policyVersion(), decidedAt, salt, Identity.userId(salt))
            .save(config);
        SyncState.startIfAbsent(config.syncStateFile(), now);
      } else if (DENIED.equals(consent)) {
        new ConsentRecord(ConsentState.DENIED, config.policyVersion(), decidedAt, null, null).save(config);
      }
    } catch (IOException | RuntimeException e) {
      host.err().println("[telemetry-kit] the test kit could not set the consent of " + config.toolName() + ": " + e);
    }
  }

  /**
   * The setting of this JVM's environment that keeps every run from recording whatever the test
   * asks ({@code DO_NOT_TRACK}, {@code TELEMETRY_KIT_DISABLED}, debug mode), as {@code NAME=value},
   * or null: a test cannot change its process's environment, so the kit names it when a test finds
   * nothing recorded.
   */
  public static String environmentOptOut() {
    Map<String, String> env = System.getenv();
    String optOut = HostEnvironment.everyToolOptOut(env);
    if (optOut == null && HostEnvironment.isSet(env.get("TELEMETRY_KIT_DEBUG"))) {
      optOut = "TELEMETRY_KIT_DEBUG=" + env.get("TELEMETRY_KIT_DEBUG") + " (debug mode prints events instead)";
    }
    return optOut;
  }

  /**
   * Forgets every tool's answer in {@code home}, and the machine's opt-out, so that the next run
   * of each tool gets the consent now asked for ({@link #prepare}).
   *
   * @throws IOException when a file cannot be deleted
   */
  public static void reset(Path home) throws IOException {
    File[] files = home.toFile().listFiles();
    if (files == null) {
      return;
    }
    for (File f : files) {
      String name = f.getName();
      // <tool>.json holds the answer; <tool>.sync.json the upload schedule, which a new answer keeps.
      // The kit's policy file is .policy.json: a dot file, which no tool's name can make.
      if (f.isFile() && name.endsWith(".json") && !name.endsWith(".sync.json")) {
        Files.delete(f.toPath());
      }
    }
    File[] groups = new File(home.toFile(), "groups").listFiles(); // groups/<group>.json: a group's answer
    for (File group : groups == null ? new File[0] : groups) {
      if (group.isFile() && group.getName().endsWith(".json")) {
        Files.delete(group.toPath());
      }
    }
  }
}

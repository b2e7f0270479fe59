package dev.telemetrykit.picocli.internal.consent;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.files.DataHome;
import dev.telemetrykit.picocli.internal.json.Json;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What this run may do, and which setting decided it. Resolved in the class it describes rather
 * than in a resolver of its own: every class on a recorded run's start-up path costs ~0.2 ms.
 *
 * @param state GRANTED only when this run may record
 * @param decidedBy the setting that decided, in words a user understands
 * @param record the stored record (UNDECIDED when none could be read)
 * @param problem why the state file could not be used, or null
 * @param joinsGroup whether this run, the first to record under its consent group's "yes", adds
 *     the tool to the group's file ({@link GroupConsent#join})
 */
public record EffectiveConsent(
    ConsentState state, String decidedBy, ConsentRecord record, String problem, boolean joinsGroup) {

  /** What a run may do, when it adds nothing to a consent group's file. */
  public EffectiveConsent(ConsentState state, String decidedBy, ConsentRecord record, String problem) {
    this(state, decidedBy, record, problem, false);
  }

  /**
   * This consent, after adding the tool to its consent group's file when {@link #joinsGroup}: by
   * the run that records, so that asking {@code status} never writes. When the file cannot be
   * written, the run records nothing: its events would carry no id.
   */
  public EffectiveConsent joined(TelemetryConfig config) {
    if (!joinsGroup || !granted()) {
      return this;
    }
    try {
      return new EffectiveConsent(state, decidedBy, GroupConsent.join(config, record), null);
    } catch (IOException | RuntimeException e) {
      String problem = "state file " + config.groupStateFile() + " cannot be written (" + e.getMessage()
          + "); nothing is recorded until it can";
      return new EffectiveConsent(ConsentState.DENIED, problem, record, problem);
    }
  }

  /** Whether this run records events. */
  public boolean granted() {
    return state == ConsentState.GRANTED;
  }

  /** Whether the user may be asked (first run, or a granted user after a policy change). */
  public boolean askable() {
    return state == ConsentState.UNDECIDED && problem == null;
  }

  /**
   * Decides whether this run of {@code config}'s tool may record, applying the opt-outs strongest
   * first: the environment variables, the machine-wide policy file, then the user's stored
   * answer. Each step runs only if the stronger ones did not decide, so an opted-out run never
   * reads a file it does not need.
   */
  public static EffectiveConsent resolve(TelemetryConfig config) {
    if (config.optOut() != null) {
      return new EffectiveConsent(
          ConsentState.DENIED, "environment variable " + config.optOut(), ConsentRecord.UNDECIDED, null);
    }
    String policy = policyReason(config.policyFile(), config.toolName());
    if (policy != null) {
      return new EffectiveConsent(ConsentState.DENIED, policy, ConsentRecord.UNDECIDED, null);
    }
    // Before reading anything there: in a directory others can write, the state file may be a
    // link to a FIFO (a read that never returns) or to /dev/zero (one that never ends).
    String refused = DataHome.refusal(config.home());
    if (refused != null) {
      return new EffectiveConsent(ConsentState.DENIED, refused, ConsentRecord.UNDECIDED, refused);
    }
    ConsentRecord record;
    GroupConsent group = null; // read instead of the tool's own state file, for a tool in a consent group
    try {
      if (config.grouped()) {
        group = GroupConsent.load(config);
        record = group.record();
      } else {
        record = ConsentRecord.load(config.stateFile());
      }
    } catch (Exception e) {
      String problem = "state file " + (group == null && config.grouped() ? config.groupStateFile() + " or " : "")
          + config.stateFile() + " cannot be used (" + e.getMessage()
          + "); nothing is recorded until 'telemetry enable' or 'telemetry reset'";
      return new EffectiveConsent(ConsentState.DENIED, problem, ConsentRecord.UNDECIDED, problem);
    }
    String choice = group == null ? "your choice (" + since(record) + ")" : groupChoice(config, group);
    if (record.state() == ConsentState.DENIED) {
      return new EffectiveConsent(ConsentState.DENIED, choice, record, null);
    }
    if (record.state() == ConsentState.GRANTED) {
      if (record.policyVersion() < config.policyVersion()) {
        return new EffectiveConsent(
            ConsentState.UNDECIDED,
            "what is collected changed (policy version " + config.policyVersion()
                + ") since you said yes; nothing is recorded until you say yes again",
            record,
            null);
      }
      if (group != null && (!group.member() || record.userId() == null)) {
        return new EffectiveConsent(ConsentState.GRANTED, choice, record, null, true);
      }
      if (record.userId() == null) {
        String problem = "state file " + config.stateFile() + " has no user_id; run 'telemetry enable' again";
        return new EffectiveConsent(ConsentState.DENIED, problem, record, problem);
      }
      return new EffectiveConsent(ConsentState.GRANTED, choice, record, null);
    }
    return new EffectiveConsent(ConsentState.UNDECIDED,
        group == null ? "no choice made yet" : "no choice made yet for the consent group '" + config.consentGroup() + "'",
        record, null);
  }

  /** Who decided for a tool of a consent group: the group's answer and where it was given, or the tool's own "no". */
  private static String groupChoice(TelemetryConfig config, GroupConsent group) {
    if (group.earlierNo()) {
      return "your choice for " + config.toolName() + " (" + since(group.record()) + "), made before it joined the"
          + " consent group '" + config.consentGroup() + "'";
    }
    return "your choice for the consent group '" + config.consentGroup() + "'"
        + (group.decidedIn() == null ? "" : ", given in " + group.decidedIn()) + " (" + since(group.record()) + ")";
  }

  private static String since(ConsentRecord record) {
    return record.decidedAt() == null ? "undated" : "since " + record.decidedAt();
  }

  /**
   * Why the machine-wide policy disables {@code tool}, or null when it does not (or does not
   * exist). The administrator writes {@code {"telemetry": "disabled"}} for every tool, or {@code
   * {"tools": {"sample-cli": "disabled"}}} for some. A policy file that exists but cannot be read
   * or understood disables telemetry: the administrator meant to say something, and privacy is
   * the safe reading.
   */
  static String policyReason(Path path, String tool) {
    File file = path.toFile();
    if (!file.exists()) {
      return null;
    }
    try (FileInputStream in = new FileInputStream(file)) {
      Map<String, Object> json =
          Json.parseObject(new String(in.readAllBytes(), Json.UTF_8));
      if ("disabled".equals(json.get("telemetry"))) {
        return "policy file " + path;
      }
      Object tools = json.get("tools");
      if (tools instanceof Map && "disabled".equals(((Map<?, ?>) tools).get(tool))) {
        return "policy file " + path + " (for " + tool + ")";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "policy file " + path + " (unreadable, so telemetry stays off: " + e.getMessage() + ")";
    }
  }
}

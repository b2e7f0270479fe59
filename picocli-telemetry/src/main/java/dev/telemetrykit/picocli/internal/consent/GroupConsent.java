package dev.telemetrykit.picocli.internal.consent;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.files.DataHome;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.json.JsonFiles;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer a consent group's tools share, as a tool of the group sees it: one file per group,
 * {@code groups/<group>.json} under the data home ({@link TelemetryConfig#groupStateFile}), that
 * holds the group's answer ({@code state}, {@code policy_version}, {@code decided_at}, and {@code
 * decided_in}, the tool it was given in) and under {@code tools} each member's own salt, id and
 * earlier ids. A run of a grouped tool reads this file instead of its own state file; a tool's
 * first recorded run in the group adds its entry ({@link #join}).
 *
 * <p>A tool that joins a group later brings its own state file along: its id and earlier ids
 * move into its entry, so its id stays the same. An earlier "no" of its own still stands, until
 * the user runs {@code enable}, {@code disable} or {@code reset} in that tool; an earlier "yes"
 * does not carry over, since it covered one tool, and the group's answer decides (when the group
 * has none yet, the tool asks, naming the group). Loaded only for a tool in a group.
 *
 * @param record the tool's view: the group's answer with the tool's own id (from its earlier
 *     state file while it has no entry), or its own earlier "no"
 * @param decidedIn the tool the group's answer was given in, or null
 * @param earlierNo whether {@code record} is the tool's own "no" from before it joined the group
 * @param member whether the tool has its entry in the group's file
 */
public record GroupConsent(ConsentRecord record, String decidedIn, boolean earlierNo, boolean member) {

  /**
   * Reads the group's file (absent: undecided) and, while the tool has no entry there, its own
   * earlier state file.
   *
   * @throws IOException if a file exists but cannot be read
   * @throws IllegalArgumentException if a file is not a valid state file (the message says why)
   */
  public static GroupConsent load(TelemetryConfig config) throws IOException {
    Map<String, Object> group = read(config.groupStateFile());
    ConsentRecord answer = group.isEmpty() ? ConsentRecord.UNDECIDED : ConsentRecord.of(group, Map.of());
    String decidedIn = group.get("decided_in") instanceof String ? (String) group.get("decided_in") : null;
    Object entry = tools(group).get(config.toolName());
    if (entry instanceof Map) {
      return new GroupConsent(ConsentRecord.of(group, (Map<String, ?>) entry), decidedIn, false, true);
    }
    ConsentRecord own = ConsentRecord.load(config.stateFile());
    if (own.state() == ConsentState.DENIED) {
      return new GroupConsent(own, null, true, false);
    }
    return new GroupConsent(new ConsentRecord(answer.state(), answer.policyVersion(), answer.decidedAt(),
        own.salt(), own.userId(), own.previousUserIds()), decidedIn, false, false);
  }

  /**
   * Adds the tool to the group's file at its first recorded run under the group's "yes": with the
   * id of its earlier state file, else a new one. Returns the record with the id.
   */
  public static ConsentRecord join(TelemetryConfig config, ConsentRecord view) throws IOException {
    String salt = view.salt() != null ? view.salt() : Identity.newSalt();
    String userId = view.userId() != null ? view.userId() : Identity.userId(salt);
    ConsentRecord joined = new ConsentRecord(view.state(), view.policyVersion(), view.decidedAt(), salt, userId,
        view.previousUserIds());
    save(config, joined, false);
    return joined;
  }

  /**
   * Stores {@code record}'s id and earlier ids as the tool's entry, and with {@code answer} its
   * state as the group's answer, given in this tool. An answer other than "yes" retires every
   * other member's id as {@code disable} retires the tool's own: the id is no longer used, and is
   * kept among its earlier ids only if that tool ever uploaded (its flush lock file exists), so
   * that its {@code delete-my-data} can still have the events deleted. The tool's own earlier
   * state file, now moved into the group's, is deleted.
   */
  static void save(TelemetryConfig config, ConsentRecord record, boolean answer) throws IOException {
    DataHome.prepare(config.home()); // owner-only, before groups/ is made in it
    Map<String, Object> group;
    try {
      group = read(config.groupStateFile());
    } catch (IOException | RuntimeException unreadable) {
      group = new LinkedHashMap<>(); // a broken file is rewritten, as a tool's state file is
    }
    if (group.isEmpty()) {
      group.put("state", ConsentState.UNDECIDED.word());
      group.put("policy_version", 0);
    }
    if (answer) {
      group.put("state", record.state().word());
      group.put("policy_version", record.policyVersion());
      group.remove("decided_at");
      group.remove("decided_in");
      if (record.decidedAt() != null) {
        group.put("decided_at", record.decidedAt());
        group.put("decided_in", config.toolName());
      }
    }
    Map<String, Object> tools = new LinkedHashMap<>(tools(group));
    Map<String, Object> entry = new LinkedHashMap<>();
    record.putIdentity(entry);
    tools.put(config.toolName(), entry);
    if (answer && record.state() != ConsentState.GRANTED) {
      for (Map.Entry<String, Object> other : tools.entrySet()) {
        if (!other.getKey().equals(config.toolName()) && other.getValue() instanceof Map) {
          other.setValue(retired(config.forTool(other.getKey()), (Map<?, ?>) other.getValue()));
        }
      }
    }
    group.put("tools", tools);
    JsonFiles.writeAtomically(config.groupStateFile(), group);
    Files.deleteIfExists(config.stateFile());
  }

  /** {@code entry} without its salt and id; the id kept among the earlier ones if the tool ever uploaded. */
  private static Map<String, Object> retired(TelemetryConfig tool, Map<?, ?> entry) {
    List<String> earlier = new ArrayList<>();
    if (entry.get("previous_user_ids") instanceof List) {
      for (Object id : (List<?>) entry.get("previous_user_ids")) {
        if (id instanceof String && ConsentRecord.isUserId((String) id)) {
          earlier.add((String) id);
        }
      }
    }
    Object id = entry.get("user_id");
    if (id instanceof String && ConsentRecord.isUserId((String) id) && !earlier.contains(id)
        && Files.exists(tool.flushLockFile())) {
      earlier.add((String) id);
    }
    Map<String, Object> left = new LinkedHashMap<>();
    if (!earlier.isEmpty()) {
      left.put("previous_user_ids", earlier);
    }
    return left;
  }

  /** The tools with an entry in the group's file, other than {@code config}'s own. */
  public static List<String> otherMembers(TelemetryConfig config) {
    List<String> others = new ArrayList<>();
    try {
      for (String tool : tools(read(config.groupStateFile())).keySet()) {
        if (!tool.equals(config.toolName()) && TelemetryConfig.validName(tool)) {
          others.add(tool);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // no members to name: status reports the file's problem on its own
    }
    return others;
  }

  private static Map<String, Object> tools(Map<String, Object> group) {
    Object tools = group.get("tools");
    @SuppressWarnings("unchecked")
    Map<String, Object> found = tools instanceof Map ? (Map<String, Object>) tools : Map.of();
    return found;
  }

  /** The group's file as a modifiable map; empty when it does not exist. */
  private static Map<String, Object> read(Path file) throws IOException {
    byte[] bytes;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      if (!Files.exists(file)) {
        return new LinkedHashMap<>();
      }
      throw e;
    }
    try {
      return new LinkedHashMap<>(Json.parseObject(new String(bytes, Json.UTF_8)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
  }
}

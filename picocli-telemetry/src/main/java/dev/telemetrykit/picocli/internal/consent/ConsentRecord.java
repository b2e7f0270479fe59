package dev.telemetrykit.picocli.internal.consent;

import dev.telemetrykit.picocli.internal.config.TelemetryConfig;
import dev.telemetrykit.picocli.internal.json.JsonFiles;
import dev.telemetrykit.picocli.internal.json.Json;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of the small, human-readable state file {@code <tool>.json}, and how it is read and
 * written.
 *
 * <p>It is read on every run, so it is parsed without SQLite or a JSON library, and here rather
 * than in a store class of its own (each class a run loads costs it ~0.3 ms). Writes go to a
 * temporary file that is then renamed over the old one, so a crash never leaves half a file.
 *
 * @param state the user's answer
 * @param policyVersion the policy version the answer was given for (0 when undecided)
 * @param decidedAt when the answer was given, ISO-8601 UTC, or null
 * @param salt the random per-tool salt; never sent; null unless granted
 * @param userId SHA-256 of machine id and salt, kept so ordinary runs need not hash; null unless granted
 * @param previousUserIds earlier ids of this install that the collector accepted events under and
 *     has not yet confirmed deleting ({@code previous_user_ids}); kept only so that {@code
 *     telemetry delete-my-data} can still ask for their deletion after a reset or an opt-out.
 *     Never sent with events; never null
 */
public record ConsentRecord(
    ConsentState state, int policyVersion, String decidedAt, String salt, String userId,
    List<String> previousUserIds) {

  /** No answer yet: the state of a tool that has never asked. */
  public static final ConsentRecord UNDECIDED =
      new ConsentRecord(ConsentState.UNDECIDED, 0, null, null, null);

  public ConsentRecord {
    if (state == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    previousUserIds = previousUserIds == null ? List.of() : List.copyOf(previousUserIds);
  }

  /** A record with no earlier ids to delete. */
  public ConsentRecord(ConsentState state, int policyVersion, String decidedAt, String salt, String userId) {
    this(state, policyVersion, decidedAt, salt, userId, List.of());
  }

  /** This record with {@code ids} as the earlier ids still to delete at the collector. */
  public ConsentRecord withPreviousUserIds(List<String> ids) {
    return new ConsentRecord(state, policyVersion, decidedAt, salt, userId, ids);
  }

  /** Whether {@code s} has the form of a user id: 64 lowercase hex digits. */
  public static boolean isUserId(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the state file; a missing file is {@link #UNDECIDED}.
   *
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if the file is not a valid state file (the message says why)
   */
  public static ConsentRecord load(Path file) throws IOException {
    byte[] bytes;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      bytes = in.readAllBytes();
    } catch (IOException e) { // not FileNotFoundException: naming it loads that class on every run
      if (!Files.exists(file)) {
        return UNDECIDED;
      }
      throw e;
    }
    return parse(new String(bytes, Json.UTF_8));
  }

  /**
   * The record of {@code config}'s tool: its state file, or, for a tool in a consent group, the
   * group's answer with the tool's own id ({@link GroupConsent}).
   *
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if the file is not a valid state file (the message says why)
   */
  public static ConsentRecord load(TelemetryConfig config) throws IOException {
    return config.grouped() ? GroupConsent.load(config).record() : load(config.stateFile());
  }

  /**
   * Stores this record as the user's answer for {@code config}'s tool: in its state file, or, for
   * a tool in a consent group, as the answer of the whole group ({@link GroupConsent#save}).
   */
  public void save(TelemetryConfig config) throws IOException {
    if (config.grouped()) {
      GroupConsent.save(config, this, true);
    } else {
      save(config.stateFile());
    }
  }

  /**
   * Stores this record's id and earlier ids for {@code config}'s tool, leaving a consent group's
   * answer as it is; for a tool in no group, as {@link #save(TelemetryConfig)}.
   */
  public void saveIdentity(TelemetryConfig config) throws IOException {
    if (config.grouped()) {
      GroupConsent.save(config, this, false);
    } else {
      save(config.stateFile());
    }
  }

  /** Writes this record to the state file atomically, creating the data directory if needed. */
  public void save(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", state.word());
    json.put("policy_version", policyVersion);
    if (decidedAt != null) {
      json.put("decided_at", decidedAt);
    }
    putIdentity(json);
    JsonFiles.writeAtomically(file, json);
  }

  /** Puts the salt, the id and the earlier ids into {@code json}, as the state file holds them. */
  void putIdentity(Map<String, Object> json) {
    if (salt != null) {
      json.put("salt", salt);
    }
    if (userId != null) {
      json.put("user_id", userId);
    }
    if (!previousUserIds.isEmpty()) {
      json.put("previous_user_ids", previousUserIds);
    }
  }

  static ConsentRecord parse(String text) {
    Map<String, Object> json;
    try {
      json = Json.parseObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    return of(json, json);
  }

  /**
   * The record whose answer is in {@code json} and whose identity is in {@code identity}: the
   * same object for a tool's state file; a group's file and the tool's entry in it for a group.
   */
  static ConsentRecord of(Map<String, Object> json, Map<String, ?> identity) {
    Object state = json.get("state");
    if (!(state instanceof String)) {
      throw new IllegalArgumentException("\"state\" must be \"granted\", \"denied\" or \"undecided\"");
    }
    Object version = json.get("policy_version");
    int policyVersion = version instanceof Long ? ((Long) version).intValue() : 0;
    return new ConsentRecord(
        ConsentState.fromWord((String) state),
        policyVersion,
        stringOrNull(json.get("decided_at")),
        stringOrNull(identity.get("salt")),
        stringOrNull(identity.get("user_id")),
        userIds(identity.get("previous_user_ids")));
  }

  /** The well-formed ids of a list; anything else is not an id the collector could delete. */
  private static List<String> userIds(Object value) {
    if (!(value instanceof List)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Object id : (List<?>) value) {
      if (id instanceof String && isUserId((String) id) && !ids.contains(id)) {
        ids.add((String) id);
      }
    }
    return ids;
  }

  private static String stringOrNull(Object value) {
    return value instanceof String ? (String) value : null;
  }
}

package dev.telemetrykit.picocli.internal.consent;

import dev.telemetrykit.picocli.internal.json.JsonReader;
import dev.telemetrykit.picocli.internal.json.JsonFiles;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the small, human-readable state file {@code <tool>.json}.
 *
 * <p>It is read on every run, so it is parsed without SQLite or a JSON library. Writes go to a
 * temporary file that is then renamed over the old one, so a crash never leaves half a file.
 */
public final class ConsentStore {
  private final Path file;

  public ConsentStore(Path file) {
    this.file = file;
  }

  /** The file this store reads and writes. */
  public Path file() {
    return file;
  }

  /**
   * Reads the record; a missing file is {@link ConsentRecord#UNDECIDED}.
   *
   * @throws IOException if the file exists but cannot be read
   * @throws IllegalArgumentException if the file is not a valid state file (the message says why)
   */
  public ConsentRecord load() throws IOException {
    byte[] bytes;
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      bytes = in.readAllBytes();
    } catch (IOException e) { // not FileNotFoundException: naming it loads that class on every run
      if (!Files.exists(file)) {
        return ConsentRecord.UNDECIDED;
      }
      throw e;
    }
    return parse(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Writes the record atomically, creating the data directory if needed. */
  public void save(ConsentRecord record) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("state", record.state().word());
    json.put("policy_version", record.policyVersion());
    if (record.decidedAt() != null) {
      json.put("decided_at", record.decidedAt());
    }
    if (record.salt() != null) {
      json.put("salt", record.salt());
    }
    if (record.userId() != null) {
      json.put("user_id", record.userId());
    }
    JsonFiles.writeAtomically(file, json);
  }

  /** Deletes the state file: the tool is back to undecided with no identity. */
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  static ConsentRecord parse(String text) {
    Map<String, Object> json;
    try {
      json = JsonReader.parseObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
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
        stringOrNull(json.get("salt")),
        stringOrNull(json.get("user_id")));
  }

  private static String stringOrNull(Object value) {
    return value instanceof String ? (String) value : null;
  }
}

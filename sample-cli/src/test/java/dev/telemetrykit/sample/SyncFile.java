package dev.telemetrykit.sample;

import dev.telemetrykit.picocli.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code sample-cli.sync.json}, the upload schedule every process of the tool shares (docs/sync.md). */
record SyncFile(long lastSuccess, long lastAttempt, long nextAttempt, long failures, String lastError) {
  static SyncFile read(Path home) throws IOException {
    Map<String, Object> json = Json.parseObject(Files.readString(home.resolve("sample-cli.sync.json")));
    return new SyncFile((Long) json.get("last_success"), (Long) json.get("last_attempt"),
        (Long) json.get("next_attempt"), (Long) json.get("failures"), (String) json.get("last_error"));
  }

  /** How long the last failure put uploads off, in ms. */
  long backoffMillis() {
    return nextAttempt - lastAttempt;
  }
}

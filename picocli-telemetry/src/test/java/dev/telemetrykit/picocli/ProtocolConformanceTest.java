package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK sends has the shape of the shared protocol examples in docs/protocol, the same
 * files collector-lite's tests accept: same top-level and event members, ids and types as the
 * protocol says, and no metadata key the examples do not show.
 */
class ProtocolConformanceTest {
  static final Path EXAMPLES = Path.of("..", "docs", "protocol", "examples", "valid");

  @TempDir Path home;

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> events(Map<String, Object> batch) {
    return (List<Map<String, Object>>) batch.get("events");
  }

  @Test
  void sdkBatchHasTheShapeOfTheSharedExamples() throws Exception {
    Map<String, Object> example = Json.parseObject(Files.readString(EXAMPLES.resolve("command-executed.json")));
    AppRun app = AppRun.of(ShopCli::commandLine, home);
    app.run("telemetry", "enable");
    app.run("order", "--format", "json", "--region", "eu");
    app.run("fail");
    Map<String, Object> batch = Json.parseObject(app.run("telemetry", "show").out());

    assertThat(batch.keySet()).isEqualTo(example.keySet());
    Set<String> exampleMetadataKeys = new HashSet<>();
    for (Map<String, Object> e : events(example)) {
      exampleMetadataKeys.addAll(((Map<String, Object>) e.get("metadata")).keySet());
    }
    for (Map<String, Object> event : events(batch)) {
      assertThat(event.keySet()).isEqualTo(events(example).get(0).keySet());
      assertThat((String) event.get("event_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat((String) event.get("session_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat((String) event.get("user_id")).matches("[0-9a-f]{64}");
      assertThat(event.get("timestamp")).isInstanceOf(Long.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) event.get("metadata");
      assertThat(exampleMetadataKeys).containsAll(metadata.keySet());
      assertThat(metadata.get("duration_ms")).isInstanceOf(Long.class);
      assertThat(metadata.get("success")).isInstanceOf(Boolean.class);
    }
    assertThat((String) batch.get("service_name")).matches("[a-z0-9][a-z0-9._-]{0,63}");
  }

  @Test
  void everySharedValidExampleIsJsonTheSdkReads() throws Exception {
    try (var files = Files.list(EXAMPLES)) {
      List<Path> examples = files.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(examples).isNotEmpty();
      for (Path p : examples) {
        assertThat(events(Json.parseObject(Files.readString(p)))).isNotEmpty();
      }
    }
  }
}

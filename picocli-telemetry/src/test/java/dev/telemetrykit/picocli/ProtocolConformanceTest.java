package dev.telemetrykit.picocli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.picocli.apps.ShopCli;
import dev.telemetrykit.picocli.internal.event.EventRules;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.testing.AppRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK sends has the shape of the shared protocol examples in docs/protocol, the same
 * files collector-lite's tests accept: same top-level and event members, ids and types as the
 * protocol says, and no metadata key the examples do not show. The SDK's event rules agree with
 * the collector's on every example.
 */
@SuppressWarnings("unchecked")
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
      assertThat(EventRules.problem(event)).as("%s", event).isNull();
    }
    assertThat((String) batch.get("service_name")).matches("[a-z0-9][a-z0-9._-]{0,63}");
  }

  @Test
  void everyEventOfTheSharedValidExamplesPassesTheSdksRules() throws Exception {
    Map<String, Object> index = index();
    int checked = 0;
    for (String name : ((Map<String, Object>) index.get("valid")).keySet()) {
      for (Map<String, Object> event : events(Json.parseObject(Files.readString(EXAMPLES.resolve(name))))) {
        assertThat(EventRules.problem(event, referenceTime(index), retentionMillis(index))).as(name).isNull();
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(7);
  }

  /**
   * The agreement of both sides' rules: every event the shared examples say the collector rejects
   * is refused by the SDK with the collector's own reason, and every other event of those batches
   * passes.
   */
  @Test
  void everyEventTheCollectorRejectsInTheSharedExamplesIsRefusedByTheSdkForTheSameReason() throws Exception {
    Map<String, Object> index = index();
    int refused = 0;
    for (Map.Entry<String, Object> example : ((Map<String, Object>) index.get("invalid")).entrySet()) {
      Map<String, Object> expected = (Map<String, Object>) example.getValue();
      if (!expected.containsKey("rejected")) {
        continue; // a fault of the batch itself: the collector refuses it whole
      }
      Map<Integer, String> reasons = new HashMap<>();
      for (Object r : (List<Object>) expected.get("rejected")) {
        reasons.put(((Long) ((Map<String, Object>) r).get("index")).intValue(),
            (String) ((Map<String, Object>) r).get("error"));
      }
      List<Object> events = (List<Object>) Json.parseObject(
          Files.readString(EXAMPLES.resolveSibling("invalid").resolve(example.getKey()))).get("events");
      for (int i = 0; i < events.size(); i++) {
        assertThat(EventRules.problem(events.get(i), referenceTime(index), retentionMillis(index)))
            .as("%s, event %d", example.getKey(), i).isEqualTo(reasons.get(i));
      }
      refused += reasons.size();
    }
    assertThat(refused).isGreaterThanOrEqualTo(25);
  }

  static Map<String, Object> index() throws Exception {
    return Json.parseObject(Files.readString(EXAMPLES.resolveSibling("index.json")));
  }

  static long referenceTime(Map<String, Object> index) {
    return (Long) index.get("reference_time");
  }

  static long retentionMillis(Map<String, Object> index) {
    return (Long) index.get("retention_days") * 24 * 60 * 60 * 1000;
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

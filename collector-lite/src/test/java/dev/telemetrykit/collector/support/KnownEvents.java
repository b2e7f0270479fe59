package dev.telemetrykit.collector.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A small, fixed set of events whose analytics are worked out by hand, so tests can assert exact
 * numbers. All timestamps lie in the four days below, before the examples' reference time
 * (2026-11-25T12:00Z). The numbers each report must show are listed in docs/analytics-api.md's
 * terms in the tests that use this set.
 *
 * <pre>
 * #   day  user   service     event             details
 * 1   D1   alice  sample-cli  build    ok    10 ms  1.2.0 linux amd64 17  --target=jar --verbose
 * 2   D1   alice  sample-cli  build    ok    20 ms  1.2.0 linux amd64 17  --target=native
 * 3   D1   bob    sample-cli  build    fail  30 ms  1.1.0 mac aarch64 21  --target=jar  java.io.IOException
 * 4   D1   bob    sample-cli  deploy   ok  1000 ms  1.1.0 mac aarch64 21  --env=[prod,eu]
 * 5   D2   alice  sample-cli  build    ok    40 ms  1.2.0 linux amd64 17
 * 6   D2   carol  sample-cli  deploy   fail 2000 ms 1.2.0 windows amd64 17 --env=[prod]  java.lang.IllegalStateException
 * 7   D2   carol  sample-cli  build    fail   5 ms  1.2.0 windows amd64 17 (exit code only)
 * 8   D3   bob    sample-cli  build    ok  1000 ms  1.2.0 linux amd64 21  in CI (ci true, interactive false)
 * 9   D4   alice  sample-cli  deploy   ok  3000 ms  1.2.0 linux amd64 17  --env=[eu]
 * 10  D4   alice  sample-cli  build    fail  50 ms  1.2.0 linux amd64 17  java.io.IOException
 * 11  D1   alice  sample-cli  feature_used cache     (linux amd64 17, 1.2.0)
 * 12  D2   carol  sample-cli  feature_used cache     (windows amd64 17, 1.2.0)
 * 13  D2   carol  sample-cli  feature_used export    (windows amd64 17, 1.2.0)
 * 14  D4   bob    sample-cli  method_called Database::connect (mac aarch64 21, 1.2.0)
 * 15  D4   bob    sample-cli  method_called Database::connect (mac aarch64 21, 1.2.0)
 * 16  D2   carol  sample-cli  plugin.loaded, no metadata (batch version 1.2.0)
 * 17  D1   alice  acme-db     query    ok     7 ms  4.0.1 linux amd64 17
 * </pre>
 */
public final class KnownEvents {
  public static final String ALICE = "a".repeat(64);
  public static final String BOB = "b".repeat(64);
  public static final String CAROL = "c".repeat(64);
  /** Monday of ISO week 2026-W47. */
  public static final LocalDate D1 = LocalDate.of(2026, 11, 16);
  public static final LocalDate D2 = LocalDate.of(2026, 11, 17);
  /** Monday of ISO week 2026-W48. */
  public static final LocalDate D3 = LocalDate.of(2026, 11, 23);
  public static final LocalDate D4 = LocalDate.of(2026, 11, 24);
  public static final String SERVICE = "sample-cli";
  public static final String OTHER_SERVICE = "acme-db";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> BATCH_VERSIONS = Map.of(SERVICE, "1.2.0", OTHER_SERVICE, "4.0.1");

  /** One event of the table above, with the service it is sent for. */
  public record Known(int number, String service, LocalDate day, String userId, ObjectNode event) {}

  private KnownEvents() {}

  /** All 17 events, in the table's order. */
  public static List<Known> all() {
    List<Known> events = new ArrayList<>();
    command(events, 1, SERVICE, D1, ALICE, "build", true, 10, "1.2.0", LINUX, null, List.of("--target", "--verbose"), Map.of("--target", "jar"));
    command(events, 2, SERVICE, D1, ALICE, "build", true, 20, "1.2.0", LINUX, null, List.of("--target"), Map.of("--target", "native"));
    command(events, 3, SERVICE, D1, BOB, "build", false, 30, "1.1.0", MAC, "java.io.IOException", List.of("--target"), Map.of("--target", "jar"));
    command(events, 4, SERVICE, D1, BOB, "deploy", true, 1000, "1.1.0", MAC, null, List.of("--env"), Map.of("--env", List.of("prod", "eu")));
    command(events, 5, SERVICE, D2, ALICE, "build", true, 40, "1.2.0", LINUX, null, List.of(), Map.of());
    command(events, 6, SERVICE, D2, CAROL, "deploy", false, 2000, "1.2.0", WINDOWS, "java.lang.IllegalStateException", List.of("--env"), Map.of("--env", List.of("prod")));
    command(events, 7, SERVICE, D2, CAROL, "build", false, 5, "1.2.0", WINDOWS, null, null, null);
    command(events, 8, SERVICE, D3, BOB, "build", true, 1000, "1.2.0", new String[] {"linux", "amd64", "21.0.4", "ci"}, null, null, null);
    command(events, 9, SERVICE, D4, ALICE, "deploy", true, 3000, "1.2.0", LINUX, null, List.of("--env"), Map.of("--env", List.of("eu")));
    command(events, 10, SERVICE, D4, ALICE, "build", false, 50, "1.2.0", LINUX, "java.io.IOException", null, null);
    usage(events, 11, D1, ALICE, "feature_used", "feature", "cache", LINUX);
    usage(events, 12, D2, CAROL, "feature_used", "feature", "cache", WINDOWS);
    usage(events, 13, D2, CAROL, "feature_used", "feature", "export", WINDOWS);
    usage(events, 14, D4, BOB, "method_called", "method", "Database::connect", MAC);
    usage(events, 15, D4, BOB, "method_called", "method", "Database::connect", MAC);
    events.add(new Known(16, SERVICE, D2, CAROL, event(16, "plugin.loaded", D2, CAROL)));
    command(events, 17, OTHER_SERVICE, D1, ALICE, "query", true, 7, "4.0.1", LINUX, null, null, null);
    return events;
  }

  /** The events as batches, one per service, in the table's order. */
  public static List<ObjectNode> batches() {
    return batches(known -> true);
  }

  /** The events {@code keep} accepts, as batches, one per service that has any. */
  public static List<ObjectNode> batches(Predicate<Known> keep) {
    Map<String, ObjectNode> batches = new LinkedHashMap<>();
    for (Known known : all()) {
      if (keep.test(known)) {
        batches.computeIfAbsent(known.service(), service -> JSON.createObjectNode()
                .put("service_name", service)
                .put("service_version", BATCH_VERSIONS.get(service)))
            .withArray("events").add(known.event().deepCopy());
      }
    }
    return List.copyOf(batches.values());
  }

  private static final String[] LINUX = {"linux", "amd64", "17.0.15"};
  private static final String[] MAC = {"mac", "aarch64", "21.0.4"};
  private static final String[] WINDOWS = {"windows", "amd64", "17.0.15"};

  private static void command(List<Known> events, int number, String service, LocalDate day, String user,
      String command, boolean success, long durationMs, String version, String[] platform, String error,
      List<String> options, Map<String, Object> optionValues) {
    ObjectNode event = event(number, "command_executed", day, user);
    ObjectNode metadata = event.putObject("metadata")
        .put("command", command)
        .put("success", success)
        .put("duration_ms", durationMs)
        .put("exit_code", success ? 0 : error == null ? 2 : 1);
    if (error != null) {
      metadata.put("error", error);
    }
    if (options != null) {
      ArrayNode names = metadata.putArray("options");
      options.forEach(names::add);
      metadata.set("option_values", JSON.valueToTree(optionValues));
    }
    platform(metadata, version, platform);
    events.add(new Known(number, service, day, user, event));
  }

  private static void usage(List<Known> events, int number, LocalDate day, String user, String type, String key,
      String name, String[] platform) {
    ObjectNode event = event(number, type, day, user);
    platform(event.putObject("metadata").put(key, name), "1.2.0", platform);
    events.add(new Known(number, SERVICE, day, user, event));
  }

  private static void platform(ObjectNode metadata, String version, String[] platform) {
    metadata.put("version", version).put("os", platform[0]).put("arch", platform[1]).put("java_version", platform[2]);
    if (platform.length > 3) { // a run in CI
      metadata.put("ci", true).put("interactive", false);
    }
  }

  private static ObjectNode event(int number, String type, LocalDate day, String user) {
    ObjectNode event = JSON.createObjectNode()
        .put("event_id", uuid("event-" + number))
        .put("event_type", type)
        // 10:00 UTC plus a minute per event number: inside its day, whatever the order
        .put("timestamp", day.atTime(10, number).toInstant(ZoneOffset.UTC).toEpochMilli())
        .put("user_id", user)
        .put("session_id", uuid("session-" + number));
    event.putObject("metadata");
    return event;
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}

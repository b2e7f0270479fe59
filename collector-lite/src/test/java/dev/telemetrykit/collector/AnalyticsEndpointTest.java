package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.KnownEvents;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analytics API over HTTP: shapes and keys as docs/analytics-api.md shows them, defaults, and
 * 400/404 for bad parameters. The numbers themselves are checked on both databases by AnalyticsContract.
 */
class AnalyticsEndpointTest {
  private static final String KNOWN_DAYS = "from=2026-11-16&to=2026-11-24";
  private static final String SERVICE = "/api/services/" + KnownEvents.SERVICE;

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @BeforeAll
  static void sendKnownEventsAndTheProtocolExamples() {
    for (ObjectNode batch : KnownEvents.batches()) {
      assertThat(collector.postJson(Batches.bytes(batch)).status()).isEqualTo(200);
    }
    for (ProtocolExamples.Valid example : ProtocolExamples.valid()) { // all on 2026-11-25, after the known days
      assertThat(collector.postJson(example.body()).status()).isEqualTo(200);
    }
  }

  @Test
  void topCommandsHaveTheDocumentedKeysInSnakeCase() {
    Response response = collector.get(SERVICE + "/commands?" + KNOWN_DAYS + "&limit=1");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = response.json();
    assertThat(fieldNames(body)).containsExactly("service", "from", "to", "version", "ci", "commands");
    assertThat(body.get("from").textValue()).isEqualTo("2026-11-16");
    assertThat(body.get("to").textValue()).isEqualTo("2026-11-24");
    JsonNode build = body.get("commands").get(0);
    assertThat(body.get("commands")).hasSize(1);
    assertThat(fieldNames(build)).containsExactly("command", "count", "success_rate", "p50_ms", "p95_ms", "mean_ms");
    assertThat(build.get("command").textValue()).isEqualTo("build");
    assertThat(build.get("count").longValue()).isEqualTo(7);
    assertThat(build.get("success_rate").doubleValue()).isEqualTo(0.5714);
  }

  @ParameterizedTest
  @ValueSource(strings = {"commands", "commands/build/options", "active-users", "active-users?interval=week",
      "versions", "platforms", "features", "failures", "summary", "releases", "releases?ci=true&version=1.2.0",
      "commands?version=1.1.0", "failures?version=1.2.0&interval=day&ci=false", "events",
      "events/plugin.loaded/properties", "events/feature_used/properties?name=cache", "deprecation?version=1.1.0", "inventory?version=1.2.0"})
  void everyReportNamesItsServiceAndRange(String report) {
    String separator = report.contains("?") ? "&" : "?";

    Response response = collector.get(SERVICE + "/" + report + separator + KNOWN_DAYS);

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(fieldNames(response.json())).startsWith("service").contains("from", "to");
    assertThat(response.json().get("service").textValue()).isEqualTo(KnownEvents.SERVICE);
  }

  @Test
  void summaryAndPlatformsUseSnakeCaseKeys() {
    JsonNode summary = collector.get(SERVICE + "/summary?" + KNOWN_DAYS).json();
    JsonNode platforms = collector.get(SERVICE + "/platforms?" + KNOWN_DAYS).json();

    assertThat(fieldNames(summary)).containsExactly("service", "from", "to", "events", "runs", "active_users",
        "success_rate", "failed_runs", "ci_runs", "ci_share");
    assertThat(summary.get("ci_runs").longValue()).isEqualTo(1);
    assertThat(summary.get("ci_share").doubleValue()).isEqualTo(0.1);
    assertThat(summary.get("active_users").longValue()).isEqualTo(3);
    assertThat(fieldNames(platforms)).containsExactly("service", "from", "to", "os", "arch", "java_version");
  }

  @Test
  void releasesListVersionsAndRegressionsWithTheDocumentedKeys() {
    JsonNode body = collector.get(SERVICE + "/releases?" + KNOWN_DAYS).json();

    assertThat(fieldNames(body)).containsExactly("service", "from", "to", "version", "ci", "versions", "regressions");
    JsonNode newest = body.get("versions").get(0);
    assertThat(fieldNames(newest)).containsExactly("version", "first_seen", "users", "runs", "share_of_users",
        "failure_rate", "p50_ms", "p95_ms");
    assertThat(newest.get("version").textValue()).isEqualTo("1.2.0");
    assertThat(newest.get("share_of_users").doubleValue()).isEqualTo(1.0);
    assertThat(body.get("regressions").isArray()).isTrue();
  }

  @Test
  void failuresPerDayOfOneVersion() {
    JsonNode body = collector.get(SERVICE + "/failures?version=1.2.0&interval=day&" + KNOWN_DAYS).json();

    assertThat(body.get("version").textValue()).isEqualTo("1.2.0");
    assertThat(body.get("interval").textValue()).isEqualTo("day");
    JsonNode first = body.get("periods").get(0);
    assertThat(fieldNames(first)).containsExactly("period", "start", "runs", "failed_runs", "failure_rate");
    assertThat(first.get("period").textValue()).isEqualTo("2026-11-16");
    assertThat(first.get("runs").longValue()).isEqualTo(2); // alice's two builds; bob ran 1.1.0
  }

  @Test
  void eventsPropertiesAndDeprecationHaveTheDocumentedKeys() {
    JsonNode events = collector.get(SERVICE + "/events?" + KNOWN_DAYS).json();
    JsonNode properties = collector.get(SERVICE + "/events/feature_used/properties?name=cache&" + KNOWN_DAYS).json();
    JsonNode deprecation = collector.get(SERVICE + "/deprecation?" + KNOWN_DAYS).json();

    assertThat(fieldNames(events.get("events").get(0))).containsExactly("event_type", "count", "users");
    assertThat(fieldNames(properties)).containsExactly("service", "from", "to", "event_type", "name", "events",
        "properties");
    assertThat(properties.get("events").longValue()).isEqualTo(2);
    assertThat(fieldNames(deprecation)).containsExactly("service", "from", "to", "version", "users", "java_major",
        "os", "arch", "os_arch");
    assertThat(fieldNames(deprecation.get("java_major").get(0))).containsExactly("value", "users", "share");
    assertThat(deprecation.get("java_major").get(0).get("value").textValue()).isEqualTo("17");
  }

  @Test
  void activeUsersPerWeekAreLabelledWithTheIsoWeek() {
    JsonNode body = collector.get(SERVICE + "/active-users?interval=week&" + KNOWN_DAYS).json();

    assertThat(body.get("interval").textValue()).isEqualTo("week");
    assertThat(body.get("periods").get(0).get("period").textValue()).isEqualTo("2026-W47");
    assertThat(body.get("periods").get(0).get("start").textValue()).isEqualTo("2026-11-16");
    assertThat(body.get("periods").get(0).get("users").longValue()).isEqualTo(3);
    assertThat(body.get("periods").get(0).get("new_users").longValue()).isEqualTo(3);
    assertThat(body.get("periods").get(1).get("returning_users").longValue()).isEqualTo(2);
  }

  @Test
  void servicesListsEveryServiceWithEventsAndDays() {
    JsonNode services = collector.get("/api/services").json().get("services");

    assertThat(services).extracting(service -> service.get("service").textValue())
        .containsExactly(KnownEvents.OTHER_SERVICE, "acme-db-driver", KnownEvents.SERVICE); // the last two from the examples
    assertThat(fieldNames(services.get(0))).containsExactly("service", "events", "first_seen", "last_seen");
    assertThat(services.get(2).get("events").longValue()).isEqualTo(16 + 5);
    assertThat(services.get(2).get("first_seen").textValue()).isEqualTo("2026-11-16");
    assertThat(services.get(2).get("last_seen").textValue()).isEqualTo("2026-11-25");
  }

  @Test
  void withoutARangeTheReportCoversTheLastThirtyDaysEndingToday() {
    JsonNode body = collector.get(SERVICE + "/summary").json();

    assertThat(body.get("from").textValue()).isEqualTo("2026-10-27");
    assertThat(body.get("to").textValue()).isEqualTo("2026-11-25"); // the collector's clock
    assertThat(body.get("runs").longValue()).isEqualTo(10 + 3); // known runs and the example's three
  }

  @Test
  void commandWithASpaceIsFoundUrlEncoded() {
    JsonNode body = collector.get(SERVICE + "/commands/remote%20add/options?from=2026-11-25&to=2026-11-25").json();

    assertThat(body.get("command").textValue()).isEqualTo("remote add");
    assertThat(body.get("runs").longValue()).isEqualTo(1);
    assertThat(body.get("options").toString()).contains("\"option\":\"--tag\"").contains("\"value\":\"blue\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"from=2026-13-01", "to=2026-02-30", "from=yesterday", "from=2026-11-24&to=2026-11-16",
      "limit=0", "limit=many", "interval=month", "ci=yes", "ci=TRUE",
      "version=12345678901234567890123456789012345678901234567890123456789012345"})
  void badParameterIsA400NamingIt(String query) {
    String name = query.startsWith("from=2026-11-24") ? "from" : query.substring(0, query.indexOf('='));

    Response response = collector.get(SERVICE + "/" + (name.equals("interval") ? "active-users" : "commands") + "?" + query);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("field").textValue()).isEqualTo(name);
    assertThat(response.json().get("error").textValue()).startsWith(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"never-seen", "Sample-CLI", "a%20b", "x123456789x123456789x123456789x123456789x123456789x123456789x1234"})
  void unknownServiceIsA404WithTheErrorBody(String service) {
    Response response = collector.get("/api/services/" + service + "/summary");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("field").textValue()).isEqualTo("service");
    assertThat(response.json().get("error").textValue()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/services/%00/commands", "/api/services/sample-cli/commands?from=%FF%FE",
      "/api/services/sample-cli/commands/%E2%80%AE%00/options", "/api/services/sample-cli/commands?limit=-0",
      "/api/services/sample-cli/active-users?interval=%00", "/api/services/sample-cli/commands/..%2F../options",
      "/api/services//commands", "/api/services/sample-cli/commands?from=2026-11-01&from=2026-11-02"})
  void strangeRequestsNeverCauseServerErrors(String path) {
    assertThat(collector.get(path).status()).isLessThan(500);
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

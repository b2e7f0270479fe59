package dev.telemetrykit.picocli.internal.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One upload against a scripted collector: every answer a collector can give. */
class FlusherTest {
  static final String OK = "{\"received\":1,\"duplicates\":0}";

  @TempDir Path home;
  WireMockServer collector;
  QueueFixture fixture;

  @BeforeEach
  void start() {
    collector = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    collector.start();
    fixture = new QueueFixture(home, "http://127.0.0.1:" + collector.port());
  }

  @AfterEach
  void stop() {
    collector.stop();
  }

  void answer(int status) {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(status).withBody(OK)));
  }

  List<Map<String, Object>> sentBatches() {
    return collector.findAll(postRequestedFor(urlEqualTo("/events"))).stream()
        .map(r -> Json.parseObject(r.getBodyAsString())).toList();
  }

  @Test
  void acceptedBatchesLeaveTheQueueInOrderWithTheProtocolHeaders() throws Exception {
    answer(200);
    fixture.withEvents(250);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.sent()).isEqualTo(250);
    assertThat(outcome.batches()).isEqualTo(3);
    assertThat(fixture.queued()).isZero();
    List<LoggedRequest> requests = collector.findAll(postRequestedFor(urlEqualTo("/events")));
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(r.getHeader("X-Telemetry-Kit-Version")).isEqualTo(BatchSender.SDK_VERSION);
      assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
    });
    List<Object> ids = sentBatches().stream()
        .flatMap(b -> ((List<?>) b.get("events")).stream())
        .map(e -> (Object) ((Map<?, ?>) e).get("event_id"))
        .toList();
    assertThat(ids).containsExactlyElementsOf(fixture.eventIds());
    assertThat(sentBatches()).extracting(b -> ((List<?>) b.get("events")).size()).containsExactly(100, 100, 50);
    assertThat(sentBatches().get(0)).containsEntry("service_name", "shop-cli").containsEntry("service_version", "2.5.1");
    assertThat(fixture.syncState().lastSuccess()).isEqualTo(fixture.time.epochMillis());
  }

  @Test
  void aQueueThatCannotBeUsedBacksOffLikeAFailedUpload() throws Exception {
    answer(200);
    fixture.withEvents(3);
    fixture.flush(); // creates the queue
    fixture.withEvents(2);
    try (java.sql.Connection lock = java.sql.DriverManager.getConnection("jdbc:sqlite:" + fixture.config.databaseFile());
        java.sql.Statement s = lock.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");

      org.assertj.core.api.Assertions.assertThatThrownBy(fixture::flush).isInstanceOf(java.sql.SQLException.class);
    }

    SyncState state = fixture.syncState();
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt() - fixture.time.epochMillis()).isEqualTo(60_000L);
    assertThat(state.lastError()).startsWith("cannot use the queue (").contains("locked");
    assertThat(sentBatches()).hasSize(1);
  }

  @Test
  void smallBatchIsSentUncompressed() throws Exception {
    answer(200);
    fixture.withEvents(1);
    fixture.flush();
    assertThat(collector.findAll(postRequestedFor(urlEqualTo("/events"))).get(0).containsHeader("Content-Encoding"))
        .isFalse();
  }

  @Test
  void connectionRefusedKeepsEverythingAndBacksOffOneMinute() throws Exception {
    fixture.withEvents(3);
    collector.stop();

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.sent()).isZero();
    assertThat(outcome.problem()).startsWith("cannot reach ");
    assertThat(fixture.queued()).isEqualTo(3);
    SyncState state = fixture.syncState();
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt() - fixture.time.epochMillis()).isEqualTo(60_000L);
  }

  @Test
  void stalledCollectorTimesOutAndKeepsEverything() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    fixture.withEvents(3);
    long start = System.nanoTime();

    Flusher.Outcome outcome = fixture.flush();

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(outcome.problem()).contains("HttpTimeoutException");
    assertThat(fixture.queued()).isEqualTo(3);
  }

  @Test
  void serverErrorThenSuccessDeliversOnTheRetry() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
    collector.stubFor(post(urlEqualTo("/events")).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(200).withBody(OK)));
    fixture.withEvents(5);

    assertThat(fixture.flush().sent()).isZero();
    assertThat(fixture.syncState().nextAttempt()).isGreaterThan(fixture.time.epochMillis());
    fixture.time.advanceMillis(61_000);
    Flusher.Outcome retry = fixture.flush();

    assertThat(retry.sent()).isEqualTo(5);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.syncState().failures()).isZero();
  }

  @Test
  void backoffDoublesWithEachFailure() throws Exception {
    answer(503);
    fixture.withEvents(1);
    long[] delays = new long[4];
    for (int i = 0; i < delays.length; i++) {
      fixture.flush();
      delays[i] = fixture.syncState().nextAttempt() - fixture.time.epochMillis();
      fixture.time.advanceMillis(delays[i]);
    }
    assertThat(delays).containsExactly(60_000L, 120_000L, 240_000L, 480_000L);
  }

  @Test
  void redirectIsNotARefusalAndKeepsTheBatch() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "https://elsewhere.example.com/events")));
    fixture.withEvents(2);
    Flusher.Outcome outcome = fixture.flush();
    assertThat(outcome.dropped()).isZero();
    assertThat(outcome.retryLater()).isTrue();
    assertThat(fixture.queued()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "404 | the collector answered 404 Not Found: check the endpoint",
      "405 | the collector answered 405 Method Not Allowed: check the endpoint",
      "401 | the collector answered 401 Unauthorized: check the endpoint, and the ingest key if the collector requires one",
      "403 | the collector answered 403 Forbidden: check the endpoint, and the ingest key if the collector requires one",
      "301 | the collector answered 301 Moved Permanently: redirects are not followed, so check the endpoint (its scheme, host and path)",
      "302 | the collector answered 302 Found: redirects are not followed, so check the endpoint (its scheme, host and path)",
      "307 | the collector answered 307 Temporary Redirect: redirects are not followed, so check the endpoint (its scheme, host and path)"})
  void answerOfAMisconfiguredEndpointKeepsEveryEventAndBacksOffSayingWhy(int status, String why) throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(status)
        .withHeader("Location", "https://elsewhere.example.com/events")
        .withBody("<html><body>" + status + "</body></html>")));
    fixture.withEvents(120);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.sent()).isZero();
    assertThat(outcome.dropped()).isZero();
    assertThat(outcome.retryLater()).isTrue();
    assertThat(outcome.problem()).isEqualTo(why);
    assertThat(fixture.queued()).isEqualTo(120);
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isZero();
    assertThat(sentBatches()).hasSize(1); // stops at the first such answer: the next batch would get the same
    SyncState state = fixture.syncState();
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt() - fixture.time.epochMillis()).isEqualTo(60_000L);
    assertThat(state.lastError()).isEqualTo(why);
  }

  @Test
  void endpointPutRightDeliversWhatMisconfiguredAnswersKept() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).inScenario("moved").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(404)).willSetStateTo("fixed"));
    collector.stubFor(post(urlEqualTo("/events")).inScenario("moved").whenScenarioStateIs("fixed")
        .willReturn(aResponse().withStatus(200).withBody(OK)));
    fixture.withEvents(3);

    fixture.flush();
    fixture.time.advanceMillis(61_000);
    Flusher.Outcome retry = fixture.flush();

    assertThat(retry.sent()).isEqualTo(3);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.syncState().lastError()).isNull();
  }

  @Test
  void badRequestWithoutTheProtocolsErrorBodyIsNotARefusal() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "text/html").withBody("<html><h1>400 Bad Request</h1>nginx</html>")));
    fixture.withEvents(2);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.retryLater()).isTrue();
    assertThat(outcome.problem()).isEqualTo(
        "the collector answered 400 Bad Request without the protocol's error body: check the endpoint");
    assertThat(fixture.queued()).isEqualTo(2);
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isZero();
  }

  @Test
  void unprocessableBatchIsDroppedAndCounted() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(422)
        .withBody("{\"error\":\"events cannot be processed\"}")));
    fixture.withEvents(3);

    assertThat(fixture.flush().dropped()).isEqualTo(3);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isEqualTo(3);
  }

  @Test
  void answerRejectingSomeEventsRemovesTheAcceptedCountsTheRejectedAndLogsWhy() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(
        "{\"received\":5,\"accepted\":3,\"duplicates\":0,\"rejected\":["
            + "{\"index\":1,\"error\":\"metadata.success must be a boolean\"},"
            + "{\"index\":3,\"error\":\"timestamp is more than 24 hours in the future\"}]}")));
    fixture.withEvents(5);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.sent()).isEqualTo(3);
    assertThat(outcome.dropped()).isEqualTo(2);
    assertThat(outcome.retryLater()).isFalse();
    assertThat(outcome.problem()).isEqualTo("the collector rejected 2 events (rejected 2: "
        + "#1 metadata.success must be a boolean; #3 timestamp is more than 24 hours in the future)");
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isEqualTo(2);
    assertThat(fixture.syncState().failures()).isZero();
    try (EventQueue q = EventQueue.open(fixture.config.databaseFile())) {
      assertThat(q.sentLog().recent(5).get(0).outcome()).isEqualTo("200: received 5, duplicates 0, rejected 2: "
          + "#1 metadata.success must be a boolean; #3 timestamp is more than 24 hours in the future");
    }
    assertThat(fixture.flush().batches()).isZero(); // nothing is left to send again
  }

  @Test
  void rejectionReasonsFromTheNetworkAreKeptShortAndPrintable() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(
        "{\"received\":2,\"duplicates\":0,\"rejected\":[{\"index\":0,\"error\":\"\\u001b[31m"
            + "x".repeat(5000) + "\"},{\"index\":7,\"error\":\"out of the batch\"},{\"index\":\"1\"}]}")));
    fixture.withEvents(2);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.dropped()).isEqualTo(1);
    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(outcome.problem()).hasSizeLessThan(300).doesNotContain("\u001b").contains("#0 ?[31mxxx");
  }

  @Test
  void queuedEventTheCollectorWouldRejectIsNeverSent() throws Exception {
    answer(200);
    fixture.withEvents(2);
    String id = dev.telemetrykit.picocli.internal.event.EventIds.newId(fixture.time.epochMillis());
    new dev.telemetrykit.picocli.internal.queue.Journal(fixture.config.journalDirectory().toFile()).append(id,
        "{\"event_id\":\"" + id + "\",\"event_type\":\"feature_used\",\"timestamp\":" + fixture.time.epochMillis()
            + ",\"user_id\":\"" + "a".repeat(64) + "\",\"session_id\":\"" + id + "\",\"metadata\":{\"format\":\"csv\","
            + "\"version\":\"2.5.1\"}}");

    Flusher.Outcome outcome = fixture.flush();

    assertThat(sentBatches()).singleElement().satisfies(b -> assertThat((List<?>) b.get("events")).hasSize(2));
    assertThat(outcome.sent()).isEqualTo(2);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isEqualTo(1);
    try (EventQueue q = EventQueue.open(fixture.config.databaseFile())) {
      assertThat(q.sentLog().recent(5)).extracting(b -> b.outcome()).contains(
          "not sent: the collector would reject this event: #0 metadata.feature is required for feature_used events");
    }
  }

  @Test
  void requestTimeoutIsRetried() throws Exception {
    answer(408);
    fixture.withEvents(2);
    assertThat(fixture.flush().retryLater()).isTrue();
    assertThat(fixture.queued()).isEqualTo(2);
  }

  @Test
  void retryAfterOf429IsHonoured() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
    fixture.withEvents(2);
    fixture.flush();
    assertThat(fixture.syncState().nextAttempt() - fixture.time.epochMillis()).isEqualTo(120_000L);
    assertThat(fixture.queued()).isEqualTo(2);
  }

  @Test
  void retryAfterOf503IsHonoured() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
    fixture.withEvents(2);
    fixture.flush();
    assertThat(fixture.syncState().nextAttempt() - fixture.time.epochMillis()).isEqualTo(7_000L);
  }

  @Test
  void tooLargeBatchIsSplitInHalves() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).inScenario("size").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(413)).willSetStateTo("smaller"));
    collector.stubFor(post(urlEqualTo("/events")).inScenario("size").whenScenarioStateIs("smaller")
        .willReturn(aResponse().withStatus(200).withBody(OK)));
    fixture.withEvents(100);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(sentBatches()).extracting(b -> ((List<?>) b.get("events")).size()).containsExactly(100, 50, 50);
    assertThat(outcome.sent()).isEqualTo(100);
    assertThat(fixture.queued()).isZero();
  }

  @Test
  void singleEventTooLargeIsDroppedAndCounted() throws Exception {
    answer(413);
    fixture.withEvents(1);
    assertThat(fixture.flush().dropped()).isEqualTo(1);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.counter(EventQueue.DROPPED_TOO_LARGE)).isEqualTo(1);
  }

  @Test
  void refusedBatchIsDroppedCountedAndLogged() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\":\"events[0].timestamp is in the future\",\"field\":\"events[0].timestamp\"}")));
    fixture.withEvents(4);

    Flusher.Outcome outcome = fixture.flush();

    assertThat(outcome.dropped()).isEqualTo(4);
    assertThat(fixture.queued()).isZero();
    assertThat(fixture.counter(EventQueue.DROPPED_REJECTED)).isEqualTo(4);
    try (EventQueue q = EventQueue.open(fixture.config.databaseFile())) {
      assertThat(q.sentLog().recent(5).get(0).outcome()).isEqualTo("400: events[0].timestamp is in the future");
    }
  }

  @Test
  void resetConnectionIsRetriedLater() throws Exception {
    collector.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    fixture.withEvents(2);
    assertThat(fixture.flush().problem()).startsWith("cannot reach");
    assertThat(fixture.queued()).isEqualTo(2);
  }

  @Test
  void cutConnectionAfterTheCollectorStoredLeadsToExactlyOneCopy() throws Exception {
    try (FakeCollector fake = FakeCollector.start()) {
      QueueFixture f = new QueueFixture(home.resolve("cut"), fake.endpoint()).withEvents(30);
      fake.cutAfterStoring(1);

      assertThat(f.flush().sent()).isZero();
      f.time.advanceMillis(61_000);
      assertThat(f.flush().sent()).isEqualTo(30);

      assertThat(fake.receivedEvents()).isEqualTo(60);
      assertThat(fake.uniqueEvents()).isEqualTo(30);
      assertThat(fake.eventIds()).containsExactlyElementsOf(f.eventIds());
      assertThat(f.queued()).isZero();
    }
  }

  @Test
  void gzipBodyIsValidGzipOfTheBatch() throws Exception {
    try (FakeCollector fake = FakeCollector.start()) {
      QueueFixture f = new QueueFixture(home.resolve("gzip"), fake.endpoint()).withEvents(20);
      f.flush();
      assertThat(fake.gzippedRequests()).isEqualTo(1);
      assertThat(fake.uniqueEvents()).isEqualTo(20);
    }
  }

  @Test
  void claimedRowsAreInvisibleToOtherSendersUntilReleased() throws Exception {
    fixture.withEvents(10);
    try (EventQueue q = EventQueue.open(fixture.config.databaseFile())) {
      dev.telemetrykit.picocli.internal.queue.JournalImporter.importAll(
          new dev.telemetrykit.picocli.internal.queue.Journal(fixture.config.journalDirectory().toFile()), q, 100, 0);
      long now = fixture.time.epochMillis();
      assertThat(q.claim("a", 6, now, now + 60_000)).hasSize(6);
      assertThat(q.claim("b", 100, now, now + 60_000)).hasSize(4);
      assertThat(q.claim("c", 100, now + 60_001, now + 120_000)).hasSize(10); // leases ran out
    }
  }
}

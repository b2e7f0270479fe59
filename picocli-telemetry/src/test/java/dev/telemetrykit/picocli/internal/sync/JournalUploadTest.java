package dev.telemetrykit.picocli.internal.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.telemetrykit.picocli.internal.json.Json;
import dev.telemetrykit.picocli.internal.queue.EventQueue;
import dev.telemetrykit.picocli.internal.queue.Journal;
import dev.telemetrykit.picocli.internal.queue.JournalImporter;
import dev.telemetrykit.picocli.internal.queue.SentBatch;
import dev.telemetrykit.picocli.testing.FakeCollector;
import dev.telemetrykit.picocli.testing.QueueFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload that sends straight from the journal, without SQLite (a CLI that runs as PID 1):
 * against a real collector on loopback, and a scripted one for the answers that go wrong.
 */
class JournalUploadTest {
  static final String OK = "{\"received\":1,\"duplicates\":0}";

  @TempDir Path home;
  WireMockServer scripted;
  QueueFixture fixture;

  @BeforeEach
  void start() {
    scripted = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    scripted.start();
    fixture = new QueueFixture(home, "http://127.0.0.1:" + scripted.port());
  }

  @AfterEach
  void stop() {
    scripted.stop();
  }

  @Test
  void sendsEveryJournalFileInBatchesAndDeletesThemWithoutEverCreatingTheQueue() throws Exception {
    try (FakeCollector collector = FakeCollector.start()) {
      QueueFixture journal = new QueueFixture(home, collector.endpoint()).withEvents(230).withRun(3);

      Flusher.Outcome outcome = journal.flushJournal();

      assertThat(outcome.sent()).isEqualTo(233);
      assertThat(outcome.retryLater()).isFalse();
      assertThat(collector.batchSizes()).containsExactly(100, 100, 33);
      assertThat(collector.eventIds()).containsExactlyElementsOf(journal.eventIds()); // in recording order
      assertThat(journal.journalFiles()).allMatch(name -> name.endsWith(".sent")); // only show --sent's notes
      assertThat(journal.config.databaseFile()).doesNotExist();
      SyncState state = journal.syncState();
      assertThat(state.lastSuccess()).isEqualTo(journal.time.epochMillis());
      assertThat(state.failures()).isZero();
      assertThat(state.nextAttempt()).isZero();
    }
  }

  @Test
  void aFailureMidwayDeletesExactlyTheFilesOfTheAcceptedBatchesAndBacksOff() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withBody(OK)).willSetStateTo("down"));
    scripted.stubFor(post(urlEqualTo("/events")).inScenario("outage").whenScenarioStateIs("down")
        .willReturn(aResponse().withStatus(503)));
    fixture.withEvents(150);
    List<String> files = eventFiles();

    Flusher.Outcome outcome = fixture.flushJournal();

    assertThat(outcome.sent()).isEqualTo(100);
    assertThat(outcome.retryLater()).isTrue();
    assertThat(eventFiles()).containsExactlyElementsOf(files.subList(100, 150));
    assertThat(sentIds(1)).containsExactlyElementsOf(fixture.eventIds().subList(100, 150)); // kept: the unsent
    SyncState state = fixture.syncState();
    assertThat(state.failures()).isEqualTo(1);
    assertThat(state.nextAttempt() - fixture.time.epochMillis()).isEqualTo(60_000L);
    assertThat(state.lastError()).isEqualTo("the collector answered 503 Service Unavailable; retrying later");
  }

  @Test
  void serverErrorKeepsEveryFileAndTheBackoffDoublesLikeTheQueues() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(500)));
    fixture.withEvents(3);
    List<String> files = eventFiles();

    fixture.flushJournal();
    Flusher.Outcome second = fixture.flushJournal();

    assertThat(second.retryLater()).isTrue();
    assertThat(second.sent()).isZero();
    assertThat(eventFiles()).containsExactlyElementsOf(files);
    assertThat(fixture.syncState().failures()).isEqualTo(2);
    assertThat(fixture.syncState().nextAttempt() - fixture.time.epochMillis()).isBetween(119_000L, 121_000L);
  }

  @Test
  void rejectedEventsAreDroppedCountedAndLoggedAsTheQueueDoesOnceTheQueueReadsTheNotes() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(
        "{\"received\":5,\"accepted\":3,\"duplicates\":0,\"rejected\":["
            + "{\"index\":1,\"error\":\"metadata.success must be a boolean\"},"
            + "{\"index\":3,\"error\":\"timestamp is more than 24 hours in the future\"}]}")));
    fixture.withEvents(2).withRun(3); // the last file: a run's event and two custom events

    Flusher.Outcome outcome = fixture.flushJournal();

    assertThat(outcome.sent()).isEqualTo(3);
    assertThat(outcome.dropped()).isEqualTo(2);
    assertThat(outcome.retryLater()).isFalse();
    assertThat(outcome.problem()).isEqualTo("the collector rejected 2 events (rejected 2: "
        + "#1 metadata.success must be a boolean; #3 timestamp is more than 24 hours in the future)");
    assertThat(eventFiles()).isEmpty(); // every event answered for: none is sent again
    assertThat(fixture.syncState().failures()).isZero();
    assertThat(fixture.config.databaseFile()).doesNotExist();
    // What `telemetry status` and `show --sent` read, once anything opens the queue.
    try (EventQueue queue = openQueue()) {
      assertThat(queue.counter(EventQueue.DROPPED_REJECTED)).isEqualTo(2);
      assertThat(queue.size()).isZero();
      List<SentBatch> log = queue.sentLog().recent(5);
      assertThat(log).hasSize(1);
      assertThat(log.get(0).outcome()).isEqualTo("200: received 5, duplicates 0, rejected 2: "
          + "#1 metadata.success must be a boolean; #3 timestamp is more than 24 hours in the future");
      assertThat(log.get(0).events()).isEqualTo(5);
    }
    assertThat(fixture.journalFiles()).isEmpty(); // the notes went into the queue
  }

  @Test
  void aFileIsKeptUntilEveryOneOfItsEventsIsAccepted() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).inScenario("split").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(413)).willSetStateTo("halves"));
    scripted.stubFor(post(urlEqualTo("/events")).inScenario("split").whenScenarioStateIs("halves")
        .willReturn(aResponse().withStatus(200).withBody(OK)).willSetStateTo("down"));
    scripted.stubFor(post(urlEqualTo("/events")).inScenario("split").whenScenarioStateIs("down")
        .willReturn(aResponse().withStatus(503)));
    fixture.withRun(4); // one file whose events go out in halves: the first half is accepted, the second not

    Flusher.Outcome outcome = fixture.flushJournal();

    assertThat(outcome.sent()).isEqualTo(2);
    assertThat(outcome.retryLater()).isTrue();
    assertThat(eventFiles()).hasSize(1); // sent again later, whole: the collector deduplicates the accepted half
  }

  @Test
  void linesThatAreNotEventsAreDroppedAndCountedAndTheirFileGoes() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(OK)));
    fixture.withEvents(1);
    new Journal(fixture.config.journalDirectory().toFile()).append("0000-broken", "not json\n{\"event_id\":1}");

    assertThat(fixture.flushJournal().sent()).isEqualTo(1);

    assertThat(eventFiles()).isEmpty();
    try (EventQueue queue = openQueue()) {
      assertThat(queue.counter(EventQueue.DROPPED_MALFORMED)).isEqualTo(2);
    }
  }

  @Test
  void showSentKeepsTheLastTwentyBatchesOfUploadsThatNeverOpenTheQueue() throws Exception {
    scripted.stubFor(post(urlEqualTo("/events")).willReturn(aResponse().withStatus(200).withBody(OK)));
    for (int i = 0; i < 25; i++) {
      fixture.withEvents(1);
      fixture.flushJournal();
    }

    assertThat(fixture.journalFiles()).hasSize(20);
    try (EventQueue queue = openQueue()) {
      assertThat(queue.sentLog().recent(50)).hasSize(20);
    }
  }

  /** The queue, as {@code telemetry status}, {@code show} or an upload process opens it. */
  private EventQueue openQueue() throws Exception {
    return JournalImporter.openWithJournal(fixture.config.databaseFile(),
        new Journal(fixture.config.journalDirectory().toFile()), fixture.config.maxQueuedEvents(), fixture.time.epochMillis());
  }

  private List<String> eventFiles() {
    return fixture.journalFiles().stream().filter(name -> name.endsWith(".json")).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Object> sentIds(int request) {
    Map<String, Object> body = Json.parseObject(
        scripted.findAll(postRequestedFor(urlEqualTo("/events"))).get(request).getBodyAsString());
    return ((List<Map<String, Object>>) body.get("events")).stream().map(e -> e.get("event_id")).toList();
  }
}

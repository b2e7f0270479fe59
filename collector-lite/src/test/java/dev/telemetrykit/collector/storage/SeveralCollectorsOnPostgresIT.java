package dev.telemetrykit.collector.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.CollectorConfig;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three stateless collectors on one PostgreSQL database, as behind a load balancer: every batch is
 * sent through two of them at the same moment, some again later through the third, and batches
 * share events with each other, as SDK retries after a lost answer produce; then two users are
 * deleted through two instances at once. Every event is stored once, the answers' duplicate and
 * deleted counts add up, and every report of every instance equals the report of one SQLite
 * collector that got each batch and each deletion once, in order.
 */
class SeveralCollectorsOnPostgresIT {
  private static final int INSTANCES = 3;
  private static final int BATCHES = 150;
  private static final int EVENTS_PER_BATCH = 20;
  private static final String[] COMMANDS = {"build", "test", "deploy", "status"};
  private static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.0"};
  private static final String[] OS = {"linux", "macos", "windows"};
  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
  private static final LocalDate TODAY = LocalDate.ofInstant(ProtocolExamples.referenceClock().instant(), ZoneOffset.UTC);

  private static final PostgresSchemas schemas = new PostgresSchemas();
  private static final List<RunningCollector> instances = new ArrayList<>();
  private static RunningCollector reference;
  private static String url;

  @BeforeAll
  static void startCollectorsOnOneDatabase() throws Exception {
    PostgresSchemas.requireServer();
    url = schemas.create();
    // Started at the same time, like instances coming up together: they race to migrate the schema.
    ExecutorService starting = Executors.newFixedThreadPool(INSTANCES);
    List<Future<RunningCollector>> started = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      started.add(starting.submit(() -> RunningCollector.startInTempDirectory(database(url))));
    }
    for (Future<RunningCollector> collector : started) {
      instances.add(collector.get());
    }
    starting.shutdown();
    reference = RunningCollector.startInTempDirectory(config -> config.withRateLimit(0));
  }

  @AfterAll
  static void stopAll() throws SQLException {
    for (RunningCollector collector : instances) {
      collector.close();
    }
    if (reference != null) {
      reference.close();
    }
    schemas.close();
  }

  private static UnaryOperator<CollectorConfig> database(String databaseUrl) {
    return config -> new CollectorConfig(config.port(), config.bind(), databaseUrl, config.retentionDays(),
        null, Map.of(), 0);
  }

  @Test
  void sameEventsThroughDifferentInstancesAreStoredAndCountedOnce() throws Exception {
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 30; u++) {
      users.add(Batches.userId());
    }
    List<byte[]> batches = batches(new Random(20261207), users);
    int distinct = distinctEvents(batches);

    List<Callable<Response>> sends = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      sends.add(send(b % INSTANCES, batches.get(b)));
      sends.add(send((b + 1) % INSTANCES, batches.get(b)));
    }
    List<Response> answers = runConcurrently(sends);
    List<Callable<Response>> resends = new ArrayList<>();
    for (int b = 0; b < batches.size(); b += 5) {
      resends.add(send((b + 2) % INSTANCES, batches.get(b)));
    }
    answers.addAll(runConcurrently(resends));
    for (byte[] batch : batches) {
      assertThat(reference.postJson(batch).status()).isEqualTo(200);
    }

    long storedByAnswers = 0;
    for (Response answer : answers) {
      assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
      storedByAnswers += answer.json().get("accepted").longValue() - answer.json().get("duplicates").longValue();
    }
    assertThat(storedByAnswers).as("events the answers say were new").isEqualTo(distinct);
    assertThat(count("SELECT count(*) FROM events")).isEqualTo(distinct);
    assertThat(count("SELECT sum(events) FROM service_daily")).isEqualTo(distinct);

    // Two users ask to be forgotten, each through two instances at once.
    List<Callable<Response>> deletes = new ArrayList<>();
    for (int u = 0; u < 2; u++) {
      String path = "/users/" + users.get(u);
      deletes.add(() -> instances.get(0).delete(path));
      deletes.add(() -> instances.get(1).delete(path));
      assertThat(reference.delete(path).status()).isEqualTo(200);
    }
    long deletedByAnswers = 0;
    for (Response answer : runConcurrently(deletes)) {
      assertThat(answer.status()).isEqualTo(200);
      deletedByAnswers += answer.json().get("deleted").longValue();
    }
    assertThat(count("SELECT count(*) FROM events")).isEqualTo(reference.storedEvents())
        .isEqualTo(distinct - deletedByAnswers);
    for (String report : reports()) {
      Response expected = reference.get(report);
      assertThat(expected.status()).as(report).isEqualTo(200);
      for (RunningCollector instance : instances) {
        assertThat(instance.get(report).json()).as(report).isEqualTo(expected.json());
      }
    }
  }

  private static Callable<Response> send(int instance, byte[] batch) {
    return () -> instances.get(instance).postJson(batch);
  }

  private static List<Response> runConcurrently(List<Callable<Response>> sends) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(12);
    try {
      List<Response> answers = new ArrayList<>();
      for (Future<Response> answer : senders.invokeAll(sends)) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      senders.shutdown();
    }
  }

  /** The batches: 30 users over the last week, and one event in ten copied from an earlier batch. */
  private static List<byte[]> batches(Random random, List<String> users) {
    List<ObjectNode> sentEvents = new ArrayList<>();
    List<byte[]> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      ObjectNode batch = Batches.commands(0, users.get(0));
      ArrayNode events = (ArrayNode) batch.get("events");
      String user = users.get(random.nextInt(users.size()));
      String session = UUID.randomUUID().toString();
      for (int e = 0; e < EVENTS_PER_BATCH; e++) {
        if (!sentEvents.isEmpty() && random.nextInt(10) == 0) {
          events.add(sentEvents.get(random.nextInt(sentEvents.size())));
          continue;
        }
        ObjectNode event = Batches.command(user, session, COMMANDS[random.nextInt(COMMANDS.length)]);
        long day = Duration.ofDays(random.nextInt(7)).toMillis();
        event.put("timestamp", event.get("timestamp").longValue() - day - random.nextInt(3_600_000));
        ((ObjectNode) event.get("metadata"))
            .put("duration_ms", random.nextInt(5_000))
            .put("success", random.nextInt(5) > 0)
            .put("exit_code", 0)
            .put("version", VERSIONS[random.nextInt(VERSIONS.length)])
            .put("os", OS[random.nextInt(OS.length)]);
        if (!event.get("metadata").get("success").booleanValue()) {
          ((ObjectNode) event.get("metadata")).put("exit_code", 1);
        }
        events.add(event);
        sentEvents.add(event);
      }
      batches.add(Batches.bytes(batch));
    }
    return batches;
  }

  private static int distinctEvents(List<byte[]> batches) {
    Set<String> ids = new HashSet<>();
    for (byte[] batch : batches) {
      Matcher id = EVENT_ID.matcher(new String(batch, UTF_8));
      while (id.find()) {
        ids.add(id.group(1));
      }
    }
    return ids.size();
  }

  private static List<String> reports() {
    String range = "?from=" + TODAY.minusDays(8) + "&to=" + TODAY;
    String service = "/api/services/sample-cli";
    List<String> reports = new ArrayList<>(List.of("/api/services", service + "/summary" + range,
        service + "/commands" + range, service + "/active-users" + range, service + "/active-users" + range
            + "&interval=week", service + "/versions" + range, service + "/platforms" + range,
        service + "/features" + range, service + "/failures" + range));
    for (String command : COMMANDS) {
      reports.add(service + "/commands/" + command + "/options" + range);
    }
    return reports;
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet row = connection.createStatement().executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}

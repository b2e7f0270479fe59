package dev.telemetrykit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.Malformation;
import dev.telemetrykit.collector.support.Malformation.BadRequest;
import dev.telemetrykit.collector.support.ProtocolExamples;
import dev.telemetrykit.collector.support.Refusals;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent senders post batches of 100 for a bounded time while another client sends garbage and
 * some batches are sent again; afterwards every event the collector acknowledged is stored exactly
 * once, duplicates were counted as such, nothing answered 5xx, and the analytics agree with the rows.
 *
 * <p>Bounded both by time ({@code -Dsoak.seconds}, 120 by default: minutes of load on every CI
 * run) and by count ({@code -Dsoak.batches} per sender), so it always stops by itself.
 */
class IngestSoakIT {
  private static final Duration DURATION = Duration.ofSeconds(Long.getLong("soak.seconds", 120));
  private static final int BATCHES_PER_SENDER = Integer.getInteger("soak.batches", 2_500);
  private static final int SENDERS = 8;
  private static final int BATCH_SIZE = 100;
  /** One request in ten resends a batch already acknowledged, like an SDK whose response was lost. */
  private static final int RESEND_ONE_IN = 10;

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass(config -> config.withRateLimit(0));

  // Filled by the sender threads; the thread-safe collections are their only shared state.
  private final Set<String> acknowledgedIds = ConcurrentHashMap.newKeySet();
  private final List<byte[]> acknowledgedBatches = new CopyOnWriteArrayList<>();
  private final AtomicLong reportedNew = new AtomicLong();
  private final AtomicLong reportedDuplicates = new AtomicLong();
  private final AtomicLong resentEvents = new AtomicLong();
  private final AtomicInteger garbageSent = new AtomicInteger();

  @Test
  void everyAcknowledgedEventIsStoredExactlyOnceUnderConcurrentLoadAndGarbage() throws Exception {
    long seed = Long.getLong("soak.seed", System.nanoTime());
    long deadline = System.nanoTime() + DURATION.toNanos();
    AtomicInteger finishedSenders = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 1, runnable -> {
      Thread thread = new Thread(runnable, "soak-sender");
      thread.setDaemon(true); // never keeps the test JVM alive if an assertion leaves one running
      return thread;
    });
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int s = 0; s < SENDERS; s++) {
        Random random = new Random(seed + s);
        work.add(pool.submit(() -> {
          try {
            send(random, deadline, "soak seed " + seed);
          } finally {
            finishedSenders.incrementAndGet();
          }
        }));
      }
      Random garbage = new Random(seed - 1);
      work.add(pool.submit(() -> sendGarbage(garbage, () -> finishedSenders.get() == SENDERS, "soak seed " + seed)));
      for (Future<?> future : work) {
        awaitResult(future, DURATION.plusMinutes(2));
      }
    } finally {
      pool.shutdownNow();
    }

    String context = "soak seed " + seed;
    long rows = collector.storedEvents();
    System.out.printf("%s: %d events stored, %d resent events counted as duplicates, %d garbage requests refused%n",
        context, rows, reportedDuplicates.get(), garbageSent.get());
    assertThat(rows).as("%s: rows vs distinct ids acknowledged as new", context).isEqualTo(acknowledgedIds.size());
    assertThat(reportedNew.get()).as("%s: sum of received - duplicates", context).isEqualTo(rows);
    assertThat(reportedDuplicates.get()).as("%s: duplicates reported", context).isEqualTo(resentEvents.get());
    assertThat(rows).as("%s: enough load to mean something", context).isGreaterThanOrEqualTo(10L * BATCH_SIZE);
    assertThat(analyticsTotal()).as("%s: analytics total for the service", context).isEqualTo(rows);
  }

  private void send(Random random, long deadline, String context) {
    String user = Batches.userId();
    for (int i = 0; i < BATCHES_PER_SENDER && System.nanoTime() < deadline; i++) {
      if (random.nextInt(RESEND_ONE_IN) == 0 && !acknowledgedBatches.isEmpty()) {
        resend(acknowledgedBatches.get(random.nextInt(acknowledgedBatches.size())), context);
      } else {
        sendFresh(Batches.commands(BATCH_SIZE, user), context);
      }
    }
  }

  private void sendFresh(ObjectNode batch, String context) {
    byte[] body = Batches.bytes(batch);
    Response response = collector.postJson(body);
    assertThat(response.status()).as("%s: fresh batch answered %s", context, response.json()).isEqualTo(200);
    int received = response.json().get("received").intValue();
    int duplicates = response.json().get("duplicates").intValue();
    assertThat(received).as(context).isEqualTo(BATCH_SIZE);
    assertThat(duplicates).as("%s: duplicates in a batch of fresh ids", context).isZero();
    for (JsonNode event : batch.withArray("events")) {
      acknowledgedIds.add(event.get("event_id").textValue());
    }
    reportedNew.addAndGet(received - duplicates);
    acknowledgedBatches.add(body);
  }

  private void resend(byte[] body, String context) {
    Response response = collector.postJson(body);
    assertThat(response.status()).as("%s: resent batch answered %s", context, response.json()).isEqualTo(200);
    assertThat(response.json().get("duplicates").intValue()).as("%s: a resend is all duplicates", context)
        .isEqualTo(BATCH_SIZE);
    reportedNew.addAndGet(response.json().get("received").intValue() - response.json().get("duplicates").intValue());
    reportedDuplicates.addAndGet(response.json().get("duplicates").intValue());
    resentEvents.addAndGet(BATCH_SIZE);
  }

  private void sendGarbage(Random random, BooleanSupplier sendersDone, String context) {
    Malformation[] kinds = Malformation.values();
    while (!sendersDone.getAsBoolean()) {
      Malformation kind = kinds[random.nextInt(kinds.length)];
      BadRequest bad = kind.apply(Batches.commands(1 + random.nextInt(BATCH_SIZE), Batches.userId()), random);
      // Rows change under the senders' load, so only the answer is checked here; the totals at the
      // end show that no garbage was stored. The valid events of a batch with bad ones are stored,
      // and acknowledged like any other.
      Response response = Refusals.assertRefused(collector, bad, random.nextBoolean(),
          context + ", garbage " + garbageSent.get());
      if (response.status() == 200) {
        List<String> accepted = Refusals.acceptedEventIds(bad, response);
        acknowledgedIds.addAll(accepted);
        reportedNew.addAndGet(response.json().get("accepted").intValue() - response.json().get("duplicates").intValue());
      }
      garbageSent.incrementAndGet();
    }
  }

  /** The {@code events} total of the summary report over the days the events fall on. */
  private static long analyticsTotal() {
    LocalDate today = LocalDate.ofInstant(ProtocolExamples.referenceClock().instant(), ZoneOffset.UTC);
    Response summary = collector.get("/api/services/sample-cli/summary?from=" + today.minusDays(1) + "&to=" + today);
    assertThat(summary.status()).as("%s", summary.json()).isEqualTo(200);
    return summary.json().get("events").longValue();
  }

  private static void awaitResult(Future<?> future, Duration timeout) throws Exception {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error; // an AssertionError from a sender, with its message
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError("a sender did not stop within " + timeout, e);
    }
  }
}

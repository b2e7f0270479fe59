package dev.telemetrykit.benchmarks.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives one target with concurrent senders on keep-alive connections for a settling period, then
 * counts the events acknowledged during the measured window. Any answer but a 200 for all 100
 * events stops the benchmark: throughput of a collector that refuses or loses batches means nothing.
 */
final class LoadRun {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Events acknowledged over the whole run, duplicates among them, the rate in the measured window,
   * the cores the senders used (averaged over the whole run) and the machine's CPU in the window.
   */
  record Result(long acknowledged, long duplicates, double eventsPerSecond, double senderCores,
      MachineCpu.Usage machine) {}

  private LoadRun() {}

  /**
   * @param senders one BatchBodies per sender thread, kept across runs so that ids never repeat
   */
  static Result run(IngestTarget target, List<BatchBodies> senders, double settleSeconds, double measureSeconds)
      throws InterruptedException {
    LongAdder acknowledged = new LongAdder();
    LongAdder duplicates = new LongAdder();
    LongAdder senderCpuNanos = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(senders.size());
    List<Thread> threads = new ArrayList<>();
    boolean[] stop = new boolean[1];
    for (BatchBodies bodies : senders) {
      Thread thread = new Thread(() -> {
        try (KeepAliveConnection connection = new KeepAliveConnection(target.host(), target.port())) {
          ready.countDown();
          long cpuStart = THREADS.getCurrentThreadCpuTime();
          while (!stopped(stop) && failure.get() == null) {
            byte[] body = bodies.next();
            KeepAliveConnection.Answer answer = connection.post("/events", body, bodies.length());
            if (answer.status() != 200 || answer.received() != BatchBodies.EVENTS) {
              throw new IllegalStateException(target.name + " answered " + answer.status() + ": " + answer.body());
            }
            acknowledged.add(answer.received());
            duplicates.add(answer.duplicates());
          }
          senderCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
        } catch (IOException | RuntimeException e) {
          failure.compareAndSet(null, e);
          ready.countDown();
        }
      }, "sender");
      thread.start();
      threads.add(thread);
    }
    ready.await();
    long runStart = System.nanoTime();
    Thread.sleep((long) (settleSeconds * 1000));
    long before = acknowledged.sum();
    MachineCpu.Snapshot cpuBefore = MachineCpu.snapshot();
    long start = System.nanoTime();
    Thread.sleep((long) (measureSeconds * 1000));
    long after = acknowledged.sum();
    long end = System.nanoTime();
    MachineCpu.Usage machine = MachineCpu.snapshot().since(cpuBefore);
    synchronized (stop) {
      stop[0] = true;
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("sending to " + target.name + " failed", failure.get());
    }
    double window = (end - start) / 1e9;
    return new Result(acknowledged.sum(), duplicates.sum(), (after - before) / window,
        senderCpuNanos.sum() / (double) (System.nanoTime() - runStart), machine);
  }

  private static boolean stopped(boolean[] stop) {
    synchronized (stop) {
      return stop[0];
    }
  }
}

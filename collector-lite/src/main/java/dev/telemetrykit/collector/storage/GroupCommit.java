package dev.telemetrykit.collector.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Group commit: callers hand in work and wait; writer threads take everything waiting in the queue
 * (up to a weight) and write it as one group, so that many concurrent requests share one
 * transaction and its commit instead of queueing for the database one by one.
 *
 * <p>The writer completes every entry of a group; an entry it leaves open fails. A caller returns
 * only once its entry is complete, so a success still means "written and committed".
 *
 * @param <T> what a caller hands in
 * @param <R> what the caller gets back
 */
final class GroupCommit<T, R> implements AutoCloseable {
  /** One caller's work and the answer it waits for. */
  record Entry<T, R>(T item, CompletableFuture<R> result) {}

  /** Writes a group; completes each entry's result, or leaves it for {@link GroupCommit} to fail. */
  @FunctionalInterface
  interface Writer<T, R> {
    void write(List<Entry<T, R>> group);
  }

  private static final long POLL_MILLIS = 100;

  private final BlockingQueue<Entry<T, R>> queue = new LinkedBlockingQueue<>();
  private final List<Thread> threads = new ArrayList<>();
  private final int maxGroupWeight;
  private final ToIntFunction<T> weight;
  private final Writer<T, R> writer;
  private volatile boolean closing;

  /**
   * Starts {@code writers} daemon threads.
   *
   * @param maxGroupWeight a group stops growing once its items weigh this much together
   * @param weight how much one item weighs, e.g. its number of events
   */
  GroupCommit(String name, int writers, int maxGroupWeight, ToIntFunction<T> weight, Writer<T, R> writer) {
    this.maxGroupWeight = maxGroupWeight;
    this.weight = weight;
    this.writer = writer;
    for (int i = 0; i < writers; i++) {
      Thread thread = new Thread(this::run, name + "-" + i);
      thread.setDaemon(true); // close() finishes the queue; nothing else should keep the JVM alive
      thread.start();
      threads.add(thread);
    }
  }

  /**
   * Hands in {@code item} and waits until its group is written.
   *
   * @throws RuntimeException what writing it threw (a StorageException when the transaction failed)
   * @throws StorageException when the store is closed or the wait is interrupted
   */
  R submit(T item) {
    if (closing) {
      throw new StorageException("the store is closed", null);
    }
    Entry<T, R> entry = new Entry<>(item, new CompletableFuture<>());
    queue.add(entry);
    if (closing && queue.remove(entry)) {
      throw new StorageException("the store is closed", null); // close() began meanwhile and may not see it
    }
    try {
      return entry.result().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new StorageException("cannot write", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The item may still be written: a retry is counted as duplicates, never stored twice.
      throw new StorageException("interrupted while waiting for the database", e);
    } catch (CancellationException e) {
      throw new StorageException("the store is closed", e);
    }
  }

  /** Entries waiting for a writer. */
  int queued() {
    return queue.size();
  }

  private void run() {
    while (!closing || !queue.isEmpty()) {
      List<Entry<T, R>> group = nextGroup();
      if (group.isEmpty()) {
        continue;
      }
      try {
        writer.write(group);
      } catch (RuntimeException | Error e) {
        failOpen(group, e);
        if (e instanceof Error) {
          throw e;
        }
      }
      failOpen(group, new IllegalStateException("the writer left an entry without a result"));
    }
  }

  private List<Entry<T, R>> nextGroup() {
    List<Entry<T, R>> group = new ArrayList<>();
    try {
      Entry<T, R> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (first == null) {
        return group;
      }
      group.add(first);
      int total = weight.applyAsInt(first.item());
      // Whatever is waiting now joins this group, up to the weight.
      for (Entry<T, R> next = queue.peek(); next != null && total < maxGroupWeight; next = queue.peek()) {
        Entry<T, R> taken = queue.poll();
        if (taken == null) {
          break; // another writer took it
        }
        group.add(taken);
        total += weight.applyAsInt(taken.item());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
    return group;
  }

  private static <T, R> void failOpen(List<Entry<T, R>> group, Throwable cause) {
    for (Entry<T, R> entry : group) {
      entry.result().completeExceptionally(cause);
    }
  }

  /** Writes what is queued, then stops the writers; later submissions fail. */
  @Override
  public void close() {
    closing = true;
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Entry<T, R> left = queue.poll(); left != null; left = queue.poll()) {
      left.result().cancel(false);
    }
  }
}

package dev.telemetrykit.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch writing = new CountDownLatch(1);

  @AfterEach
  void stopCallers() {
    callers.shutdownNow();
  }

  /** Doubles every item, once {@code release} opens; records the groups it was given. */
  private GroupCommit<Integer, Integer> doubling(CountDownLatch release, int maxWeight) {
    return new GroupCommit<>("test-writer", 1, maxWeight, item -> 1, group -> {
      writing.countDown();
      await(release);
      groups.add(group.stream().map(GroupCommit.Entry::item).toList());
      group.forEach(entry -> entry.result().complete(entry.item() * 2));
    });
  }

  @Test
  void whatWaitsWhileAGroupIsWrittenIsWrittenAsTheNextGroup() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (GroupCommit<Integer, Integer> commit = doubling(release, 100)) {
      Future<Integer> first = callers.submit(() -> commit.submit(1));
      waitUntilWriting(commit, release);
      List<Future<Integer>> waiting = new ArrayList<>();
      for (int i = 2; i <= 6; i++) {
        int item = i;
        waiting.add(callers.submit(() -> commit.submit(item)));
      }
      waitForQueue(commit, 5);
      release.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(2);
      for (int i = 0; i < waiting.size(); i++) {
        assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 2) * 2);
      }
      assertThat(groups).hasSize(2);
      assertThat(groups.get(0)).containsExactly(1);
      assertThat(groups.get(1)).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
    }
  }

  @Test
  void aGroupStopsGrowingAtItsWeight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (GroupCommit<Integer, Integer> commit = doubling(release, 2)) {
      callers.submit(() -> commit.submit(0));
      waitUntilWriting(commit, release);
      List<Future<Integer>> waiting = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        int item = i;
        waiting.add(callers.submit(() -> commit.submit(item)));
      }
      waitForQueue(commit, 4);
      release.countDown();
      for (Future<Integer> result : waiting) {
        result.get(5, TimeUnit.SECONDS);
      }

      assertThat(groups).hasSize(3).allSatisfy(group -> assertThat(group.size()).isBetween(1, 2));
    }
  }

  @Test
  void anEntryTheWriterLeavesOpenFailsInsteadOfWaitingForever() {
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-writer", 1, 10, item -> 1, group -> {})) {
      assertThatThrownBy(() -> commit.submit(1)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void whatTheWriterThrowsReachesEveryCallerOfTheGroup() {
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-writer", 1, 10, item -> 1, group -> {
      throw new StorageException("database gone", null);
    })) {
      assertThatThrownBy(() -> commit.submit(1)).isInstanceOf(StorageException.class).hasMessage("database gone");
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    GroupCommit<Integer, Integer> commit = doubling(release, 100);
    Future<Integer> first = callers.submit(() -> commit.submit(1));
    waitUntilWriting(commit, release);
    Future<Integer> queued = callers.submit(() -> commit.submit(2));
    waitForQueue(commit, 1);
    Future<?> closing = callers.submit(commit::close);
    Thread.sleep(100); // close() is under way, waiting for the writer
    release.countDown();
    closing.get(5, TimeUnit.SECONDS);

    assertThat(first.get()).isEqualTo(2);
    assertThat(queued.get()).isEqualTo(4);
    assertThatThrownBy(() -> commit.submit(3)).isInstanceOf(StorageException.class);
  }

  /** Waits until the writer holds the first group, blocked on {@code release}. */
  private void waitUntilWriting(GroupCommit<Integer, Integer> commit, CountDownLatch release)
      throws InterruptedException {
    assertThat(writing.await(5, TimeUnit.SECONDS)).as("the writer took the first group").isTrue();
    assertThat(release.getCount()).isOne();
  }

  /** Waits until {@code count} entries are queued behind the group being written. */
  private static void waitForQueue(GroupCommit<Integer, Integer> commit, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (commit.queued() < count) {
      assertThat(System.nanoTime()).as("%d entries queued", count).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

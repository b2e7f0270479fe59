package dev.telemetrykit.benchmarks.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole machine (from /proc/stat, Linux only) and of this JVM, so that a run can
 * show where the cores went: to the collector and senders in this process, or elsewhere (PostgreSQL,
 * other processes).
 */
final class MachineCpu {
  private MachineCpu() {}

  /**
   * Busy and total ticks of the machine, this process's CPU nanoseconds, and those of the
   * collectors' storage writer threads, at one moment.
   */
  record Snapshot(long busyTicks, long totalTicks, long processNanos, long writerNanos, long wallNanos) {
    Usage since(Snapshot before) {
      double wall = (wallNanos - before.wallNanos) / 1e9;
      long total = totalTicks - before.totalTicks;
      double busyShare = total > 0 ? (double) (busyTicks - before.busyTicks) / total : Double.NaN;
      return new Usage(wall, busyShare * Runtime.getRuntime().availableProcessors(),
          (processNanos - before.processNanos) / 1e9 / wall, (writerNanos - before.writerNanos) / 1e9 / wall);
    }
  }

  /** Cores busy machine-wide, used by this JVM, and by the storage writer threads, averaged over a window. */
  record Usage(double wallSeconds, double machineCores, double jvmCores, double writerCores) {}

  /** CPU time of the threads that write batches to the database (named collector-*-writer-*). */
  private static long writerNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("collector-") && info.getThreadName().contains("-writer-")) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  static Snapshot snapshot() {
    long busy = -1;
    long total = -1;
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      total = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
      busy = total - idle;
    } catch (IOException | RuntimeException e) {
      // Not Linux: machine-wide figures are reported as unknown.
    }
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new Snapshot(busy, total, process, writerNanos(), System.nanoTime());
  }
}

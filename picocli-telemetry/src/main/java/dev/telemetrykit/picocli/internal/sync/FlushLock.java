package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.files.SafeFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * {@code <tool>.flush.lock}: at most one process of a tool uploads at a time. The operating system
 * releases the lock when its holder dies, however it dies.
 */
public final class FlushLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FlushLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, waiting at most {@code waitMillis}; null if another process keeps it. */
  public static FlushLock acquire(Path file, long waitMillis) throws IOException, InterruptedException {
    FileChannel channel = SafeFiles.openLockFile(file);
    long deadline = System.nanoTime() + waitMillis * 1_000_000L;
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new FlushLock(channel, lock);
      }
      if (System.nanoTime() >= deadline) {
        channel.close();
        return null;
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}

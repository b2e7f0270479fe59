package dev.telemetrykit.collector.storage;

/**
 * The database could not do what was asked: unreachable, locked for too long, disk full.
 *
 * <p>Never caused by what a client sent (the validator rejects bad input before storage), so the
 * HTTP layer answers it with a retryable 503.
 */
public final class StorageException extends RuntimeException {
  /** Wraps a database failure with a message saying what was being attempted. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}

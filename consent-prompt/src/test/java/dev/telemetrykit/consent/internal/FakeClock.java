package dev.telemetrykit.consent.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A monotonic nanosecond clock that moves only when told to. */
final class FakeClock implements LongSupplier {

  private long nanos = 1_000_000_000L;

  @Override
  public long getAsLong() {
    return nanos;
  }

  void advanceMillis(long millis) {
    nanos += TimeUnit.MILLISECONDS.toNanos(millis);
  }

  long elapsedMillisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos - startNanos);
  }
}

package dev.telemetrykit.picocli.testing;

import dev.telemetrykit.picocli.internal.run.TimeSource;

/** A clock that moves only when told to; each nanoTime() read advances it by {@code step}. */
public final class FixedTime extends TimeSource {
  private long millis;
  private long nanos;
  private final long stepNanos;

  public FixedTime(long epochMillis, long stepNanos) {
    this.millis = epochMillis;
    this.stepNanos = stepNanos;
  }

  @Override
  public long epochMillis() {
    return millis;
  }

  @Override
  public long nanoTime() {
    long now = nanos;
    nanos += stepNanos;
    return now;
  }

  public void advanceMillis(long delta) {
    millis += delta;
  }
}

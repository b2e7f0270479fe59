package dev.telemetrykit.picocli.internal.run;

/**
 * Wall-clock and monotonic time; tests subclass it to make time deterministic.
 *
 * <p>Not {@code java.time.Clock}: setting up its zone classes costs milliseconds on the start-up
 * path of every recorded command. A class rather than an interface with an anonymous system
 * implementation, because each class loaded on that path costs ~0.2 ms.
 */
public class TimeSource {
  /** The system's clocks. */
  public static final TimeSource SYSTEM = new TimeSource();

  protected TimeSource() {}

  /** UTC epoch milliseconds, for timestamps. */
  public long epochMillis() {
    return System.currentTimeMillis();
  }

  /** Monotonic nanoseconds, for durations. */
  public long nanoTime() {
    return System.nanoTime();
  }
}

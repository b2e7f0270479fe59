package dev.telemetrykit.consent.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jline.utils.NonBlockingReader;

/**
 * Waits for one meaningful key press on a terminal in raw mode: {@code y}, {@code n} or {@code ?}
 * in either case. Any other key is ignored, but the wait as a whole stays bounded by the timeout,
 * so a cat on the keyboard cannot keep a CLI from running its command.
 */
public final class KeyLoop {

  /** What the user pressed. */
  public enum Answer {
    /** {@code y} or {@code Y}. */
    YES,
    /** {@code n} or {@code N}. */
    NO,
    /** {@code ?}: show the data, then ask again. */
    SHOW_DATA,
    /** Ctrl-C, Ctrl-D, end of input or the timeout. */
    NONE
  }

  /** In raw mode ISIG is off, so Ctrl-C arrives as this byte instead of a SIGINT. */
  static final int CTRL_C = 3;
  /** In raw mode ICANON is off, so Ctrl-D arrives as this byte instead of end of input. */
  static final int CTRL_D = 4;

  /** Enough to swallow a paste or a burst of type-ahead without looping forever on a stream. */
  private static final int MAX_TYPE_AHEAD = 4096;

  private final NonBlockingReader keys;
  private final LongSupplier nanoClock;

  /**
   * Creates a loop over one terminal's keys.
   *
   * @param keys the terminal's reader, with the terminal already in raw mode
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
   */
  public KeyLoop(NonBlockingReader keys, LongSupplier nanoClock) {
    this.keys = keys;
    this.nanoClock = nanoClock;
  }

  /**
   * Discards keys typed before the question was visible. A {@code y} typed ahead for some other
   * purpose must not count as consent. Stops at the first pause in the input or at end of input
   * (which stays pending, so {@link #await} then reports {@link Answer#NONE}).
   */
  public void discardTypeAhead() throws IOException {
    for (int i = 0; i < MAX_TYPE_AHEAD; i++) {
      // peek first: consuming an end-of-input marker could make some readers block later.
      int next = keys.peek(1);
      if (next < 0) {
        return;
      }
      keys.read(1);
    }
  }

  /**
   * Reads keys until an answer or until {@code timeout} has passed since this call.
   *
   * @return the answer; {@link Answer#NONE} on Ctrl-C, Ctrl-D, end of input or timeout
   */
  public Answer await(Duration timeout) throws IOException {
    long deadline = nanoClock.getAsLong() + timeout.toNanos();
    while (true) {
      long remainingNanos = deadline - nanoClock.getAsLong();
      if (remainingNanos <= 0) {
        return Answer.NONE;
      }
      // Round up, and never pass 0: JLine treats a timeout of 0 as "wait forever".
      long millis = Math.max(1, (remainingNanos + 999_999) / 1_000_000);
      int key = keys.read(millis);
      Answer answer = interpret(key);
      if (answer != null) {
        return answer;
      }
    }
  }

  /** Maps one read result to an answer, or {@code null} for a key to ignore. */
  private static Answer interpret(int key) {
    if (key == NonBlockingReader.READ_EXPIRED) {
      return null; // the deadline check decides; a read may also expire early
    }
    if (key == NonBlockingReader.EOF || key == CTRL_C || key == CTRL_D) {
      return Answer.NONE;
    }
    return switch (key) {
      case 'y', 'Y' -> Answer.YES;
      case 'n', 'N' -> Answer.NO;
      case '?' -> Answer.SHOW_DATA;
      default -> null;
    };
  }
}

package dev.telemetrykit.consent.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jline.utils.NonBlockingReader;

/**
 * A terminal reader that plays back key presses at given moments on a {@link FakeClock}: a read
 * that waits past the next press's moment returns it; otherwise the clock jumps by the timeout and
 * the read expires, as a real timed read would.
 */
final class ScriptedKeys extends NonBlockingReader {

  private record Press(long atMillis, int key) {
  }

  private final FakeClock clock;
  private final long startNanos;
  private final Deque<Press> presses = new ArrayDeque<>();
  private final List<Long> requestedTimeouts = new ArrayList<>();
  private boolean endOfInput;

  ScriptedKeys(FakeClock clock) {
    this.clock = clock;
    this.startNanos = clock.getAsLong();
  }

  /** The user presses {@code key} at {@code atMillis} after the script started. */
  ScriptedKeys press(long atMillis, int key) {
    presses.add(new Press(atMillis, key));
    return this;
  }

  /** After the scripted presses, input ends instead of going silent. */
  ScriptedKeys thenEndOfInput() {
    endOfInput = true;
    return this;
  }

  /** Every timeout a caller passed to a read or peek, in order. */
  List<Long> requestedTimeouts() {
    return requestedTimeouts;
  }

  int unreadPresses() {
    return presses.size();
  }

  @Override
  protected int read(long timeoutMillis, boolean isPeek) {
    requestedTimeouts.add(timeoutMillis);
    long now = clock.elapsedMillisSince(startNanos);
    Press next = presses.peek();
    if (next == null) {
      if (endOfInput) {
        return EOF;
      }
      clock.advanceMillis(timeoutMillis);
      return READ_EXPIRED;
    }
    long wait = Math.max(0, next.atMillis() - now);
    if (wait > timeoutMillis) {
      clock.advanceMillis(timeoutMillis);
      return READ_EXPIRED;
    }
    clock.advanceMillis(wait);
    if (!isPeek) {
      presses.poll();
    }
    return next.key();
  }

  @Override
  public int readBuffered(char[] b, int off, int len, long timeout) {
    throw new UnsupportedOperationException("the key loop reads one key at a time");
  }
}

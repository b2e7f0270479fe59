package dev.telemetrykit.picocli.internal.run;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes telemetry's own frames from an exception the app will see or print, so that a stack
 * trace reads exactly as it would without telemetry. Loaded only when a command fails.
 */
public final class StackTraces {
  private static final String INTERNAL_PACKAGE = "dev.telemetrykit.picocli.internal.";
  private static final String ENTRY_CLASS = "dev.telemetrykit.picocli.Telemetry";

  private StackTraces() {}

  /** Hides our frames in {@code t}, its causes and its suppressed exceptions. */
  public static void hideFrames(Throwable t) {
    hide(t, new IdentityHashMap<>());
  }

  private static void hide(Throwable t, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, Boolean.TRUE) != null) {
      return;
    }
    StackTraceElement[] frames = t.getStackTrace();
    List<StackTraceElement> kept = new ArrayList<>(frames.length);
    for (StackTraceElement frame : frames) {
      String name = frame.getClassName();
      if (!name.startsWith(INTERNAL_PACKAGE) && !name.equals(ENTRY_CLASS)) {
        kept.add(frame);
      }
    }
    if (kept.size() != frames.length) {
      t.setStackTrace(kept.toArray(new StackTraceElement[0]));
    }
    hide(t.getCause(), seen);
    for (Throwable s : t.getSuppressed()) {
      hide(s, seen);
    }
  }
}

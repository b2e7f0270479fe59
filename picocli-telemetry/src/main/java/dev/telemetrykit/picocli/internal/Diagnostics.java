package dev.telemetrykit.picocli.internal;

import java.io.PrintStream;

/**
 * Where internal failures go: nowhere, unless {@code TELEMETRY_KIT_DEBUG} is set, in which case
 * one line each to stderr. Telemetry never lets its own trouble reach the host CLI.
 */
public final class Diagnostics {
  private final boolean debug;
  private final PrintStream err;

  public Diagnostics(boolean debug, PrintStream err) {
    this.debug = debug;
    this.err = err;
  }

  /** Whether debug output is on. */
  public boolean debug() {
    return debug;
  }

  /** Prints a debug line; silent unless debug is on. */
  public void debug(String message) {
    if (debug) {
      err.println("[telemetry-kit] " + message);
    }
  }

  /** Reports a swallowed failure; silent unless debug is on. */
  public void failed(String what, Throwable e) {
    if (debug) {
      err.println("[telemetry-kit] " + what + " failed: " + e.getClass().getName() + ": " + e.getMessage());
    }
  }
}

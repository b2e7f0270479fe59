package dev.telemetrykit.picocli.internal.consent;

/**
 * What this run may do, and which setting decided it.
 *
 * @param state GRANTED only when this run may record
 * @param decidedBy the setting that decided, in words a user understands
 * @param record the stored record (UNDECIDED when none could be read)
 * @param problem why the state file could not be used, or null
 */
public record EffectiveConsent(
    ConsentState state, String decidedBy, ConsentRecord record, String problem) {

  /** Whether this run records events. */
  public boolean granted() {
    return state == ConsentState.GRANTED;
  }

  /** Whether the user may be asked (first run, or a granted user after a policy change). */
  public boolean askable() {
    return state == ConsentState.UNDECIDED && problem == null;
  }
}

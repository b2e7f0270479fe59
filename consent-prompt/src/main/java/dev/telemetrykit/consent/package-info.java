/**
 * The first-run consent box of a command-line tool: {@link dev.telemetrykit.consent.ConsentBox}
 * draws it in the user's terminal and returns a {@link dev.telemetrykit.consent.ConsentDecision}.
 *
 * <p>This package is the whole public API. Everything in {@code dev.telemetrykit.consent.internal}
 * may change without notice. The module knows nothing of storage, networking or command parsing:
 * the caller decides whether to ask and what to do with the answer.
 */
package dev.telemetrykit.consent;

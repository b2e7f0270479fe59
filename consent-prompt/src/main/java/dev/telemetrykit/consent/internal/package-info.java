/**
 * Implementation of the consent box: text layout and framing (terminal-free, unit-testable),
 * JSON pretty-printing, the single-key loop and the terminal dialog that ties them together.
 *
 * <p>Not an API: types here are public only so that {@code dev.telemetrykit.consent} can reach
 * them, and may change in any release.
 */
package dev.telemetrykit.consent.internal;

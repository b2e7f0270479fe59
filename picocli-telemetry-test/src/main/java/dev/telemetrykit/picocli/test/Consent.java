package dev.telemetrykit.picocli.test;

import dev.telemetrykit.picocli.internal.testkit.TestKitConsent;

/** The consent a test gives its CLI's user, as {@link TelemetryTestKit} sets it. */
public enum Consent {
  /** The user said yes: every run records. */
  GRANTED(TestKitConsent.GRANTED),
  /** The user said no: nothing is recorded, nothing asked. */
  DENIED(TestKitConsent.DENIED),
  /**
   * The user has not been asked. A test's runs have no terminal, so the consent box does not show
   * and nothing is recorded, as for an unattended first run.
   */
  UNDECIDED(TestKitConsent.UNDECIDED),
  /**
   * The machine switches telemetry off, as an administrator's policy file does: nothing is
   * recorded, asked or read, whatever the user said.
   */
  OPTED_OUT(TestKitConsent.OPTED_OUT);

  private final String word;

  Consent(String word) {
    this.word = word;
  }

  /** How the SDK's side of the kit names this consent. */
  String word() {
    return word;
  }
}

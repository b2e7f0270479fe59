package dev.telemetrykit.sample;

/** What the consent box says on the screen, as the end-to-end tests look for it. */
final class ConsentBoxText {
  static final String TITLE = "Help us improve sample-cli";
  static final String KEYS = "[Y] Yes, help improve  [N] No thanks  [?] Show me the data";
  /** The end of {@link #KEYS}, which narrow terminals get on a line of its own. */
  static final String LAST_KEY = "[?] Show me the data";
  // The dash before these differs between the Unicode and the ASCII box, so it is left out.
  static final String THANKS = "usage data will be sent.";
  static final String NOTHING_SENT = "nothing will be sent.";
  static final String ASKED_AGAIN = "you will be asked again next time.";

  private ConsentBoxText() {}
}

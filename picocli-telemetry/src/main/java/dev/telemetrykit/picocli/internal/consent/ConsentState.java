package dev.telemetrykit.picocli.internal.consent;

/** The end user's answer, as stored in the state file. Only {@link #GRANTED} records. */
public enum ConsentState {
  UNDECIDED,
  GRANTED,
  DENIED;

  /** The lower-case word used in the state file. */
  public String word() {
    // if/else, not switch: a switch on an enum loads a synthetic class on the start-up path
    if (this == GRANTED) {
      return "granted";
    }
    return this == DENIED ? "denied" : "undecided";
  }

  /** Reads the word used in the state file; unknown words are an error. */
  public static ConsentState fromWord(String word) {
    if ("granted".equals(word)) {
      return GRANTED;
    }
    if ("denied".equals(word)) {
      return DENIED;
    }
    if ("undecided".equals(word)) {
      return UNDECIDED;
    }
    throw new IllegalArgumentException("unknown consent state '" + word + "'");
  }
}

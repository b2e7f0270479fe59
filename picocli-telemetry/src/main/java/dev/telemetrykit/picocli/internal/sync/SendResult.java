package dev.telemetrykit.picocli.internal.sync;

/**
 * What the collector answered to one batch.
 *
 * @param status the HTTP status
 * @param retryAfterMillis the Retry-After header in milliseconds, or -1
 * @param body the response body (for the sent log), may be empty
 */
public record SendResult(int status, long retryAfterMillis, String body) {
  boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /**
   * 408, 429 and 5xx: the collector may take it later. Also anything that is neither a success
   * nor a 4xx (a redirect, say): the batch was not refused, so it is kept and tried again.
   */
  boolean retryable() {
    return status == 408 || status == 429 || status >= 500 || status < 400;
  }

  /** 413: the batch was too large; smaller ones may pass. */
  boolean tooLarge() {
    return status == 413;
  }
}

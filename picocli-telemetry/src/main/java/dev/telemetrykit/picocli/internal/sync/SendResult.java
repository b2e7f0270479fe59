package dev.telemetrykit.picocli.internal.sync;

import dev.telemetrykit.picocli.internal.json.Json;
import java.util.Map;

/**
 * What the collector answered to one batch.
 *
 * <p>Only two answers let events go without being stored: a 2xx (the collector has them, or
 * named the ones it rejects), and a refusal of the batch as a whole for what it holds (a 400 with
 * the protocol's error body, or a 422). Every other answer, including 404, 401, 403, 405, 415 and
 * any 3xx (redirects are not followed), says more about the endpoint, a proxy or the collector's
 * set-up than about the events: they stay queued and are retried with backoff, since that mistake
 * can be put right.
 *
 * @param status the HTTP status
 * @param retryAfterMillis the Retry-After header in milliseconds, or -1
 * @param body the response body (for the sent log), may be empty
 */
public record SendResult(int status, long retryAfterMillis, String body) {
  boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /** 413: the batch was too large; smaller ones may pass. */
  boolean tooLarge() {
    return status == 413;
  }

  /**
   * The collector refused the batch itself for its content: sending it again would be refused
   * again. A 400 counts only with the protocol's JSON error body, so that a proxy's or another
   * server's 400 page does not cost the batch.
   */
  boolean refusedForContent() {
    return status == 422 || (status == 400 && hasProtocolErrorBody());
  }

  /** Anything else: kept and retried with backoff. */
  boolean retryable() {
    return !succeeded() && !tooLarge() && !refusedForContent();
  }

  private boolean hasProtocolErrorBody() {
    try {
      return Json.parseObject(body).get("error") instanceof String;
    } catch (RuntimeException notJson) {
      return false;
    }
  }

  /**
   * Why a retryable answer did not deliver, for {@code telemetry status}: e.g. {@code the
   * collector answered 404 Not Found: check the endpoint}.
   */
  String retryProblem() {
    String answered = "the collector answered " + status + reasonPhrase();
    if (status >= 300 && status < 400) {
      return answered + ": redirects are not followed, so check the endpoint (its scheme, host and path)";
    }
    switch (status) {
      case 401:
      case 403:
        return answered + ": check the endpoint, and the ingest key if the collector requires one";
      case 404:
      case 405:
      case 415:
        return answered + ": check the endpoint";
      case 400:
        return answered + " without the protocol's error body: check the endpoint";
      default:
        return answered + "; retrying later";
    }
  }

  private String reasonPhrase() {
    String phrase = REASONS.get(status);
    return phrase == null ? "" : " " + phrase;
  }

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
      Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
      Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));
}

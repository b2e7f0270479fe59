package dev.telemetrykit.collector.ingest;

import java.util.Map;

/**
 * A request the collector refuses because of what the client sent; never a server fault.
 *
 * <p>Carries the HTTP status and, when the problem is about one field of the body, that field's path
 * (for example {@code events[3].timestamp}), plus any response headers the status calls for. The
 * HTTP layer maps every instance to the same JSON error body, so code that detects a problem only
 * has to throw.
 */
public final class RequestRejectedException extends RuntimeException {
  private final int status;
  private final String field;
  private final transient Map<String, String> headers;

  private RequestRejectedException(int status, String message, String field) {
    this(status, message, field, Map.of());
  }

  private RequestRejectedException(int status, String message, String field, Map<String, String> headers) {
    super(message, null, false, false); // an expected outcome: a stack trace would be noise
    this.status = status;
    this.field = field;
    this.headers = Map.copyOf(headers);
  }

  /**
   * 400: the body or a parameter breaks the protocol.
   *
   * @param field the offending field's path, or null
   * @param problem what is wrong, phrased to follow the field name ("is required")
   */
  public static RequestRejectedException invalid(String field, String problem) {
    return new RequestRejectedException(400, sentence(field, problem), field);
  }

  /** 413: the body or the batch is too large; the client should split the batch. */
  public static RequestRejectedException tooLarge(String field, String problem) {
    return new RequestRejectedException(413, sentence(field, problem), field);
  }

  /** 415: the content type or content encoding is not one the collector reads. */
  public static RequestRejectedException unsupportedMediaType(String message) {
    return new RequestRejectedException(415, message, null);
  }

  /**
   * 401: a secret is missing or wrong.
   *
   * @param challenge the {@code WWW-Authenticate} value, or null when the secret is not an
   *     {@code Authorization} header
   */
  public static RequestRejectedException unauthorized(String message, String challenge) {
    return new RequestRejectedException(401, message, null,
        challenge == null ? Map.of() : Map.of("WWW-Authenticate", challenge));
  }

  /** 404: a path parameter names something that does not exist. */
  public static RequestRejectedException notFound(String field, String problem) {
    return new RequestRejectedException(404, sentence(field, problem), field);
  }

  /** 421: the request names a host this collector does not answer for. */
  public static RequestRejectedException misdirected(String message) {
    return new RequestRejectedException(421, message, null);
  }

  /** 429: the client sends too fast and may try again after {@code retryAfterSeconds}. */
  public static RequestRejectedException tooManyRequests(long retryAfterSeconds) {
    return new RequestRejectedException(429, "too many requests from this client; retry after "
        + retryAfterSeconds + " s", null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  private static String sentence(String field, String problem) {
    return field == null ? problem : field + " " + problem;
  }

  /** The HTTP status code to answer with. */
  public int status() {
    return status;
  }

  /** The path of the offending field, or null when the problem is not about one field. */
  public String field() {
    return field;
  }

  /** Headers to send with the error, e.g. {@code Retry-After}; often none. */
  public Map<String, String> headers() {
    return headers;
  }
}

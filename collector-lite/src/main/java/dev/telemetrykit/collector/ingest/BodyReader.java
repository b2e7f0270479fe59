package dev.telemetrykit.collector.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request body under the protocol's rules: JSON only, optionally gzip-compressed, at most
 * {@link Limits#MAX_BODY_BYTES} both as sent and after decompression.
 *
 * <p>The size cap is enforced while reading, not after, because Javalin's own limit only guards
 * {@code ctx.body()} and a gzip body's real size is unknown until it has been inflated.
 */
public final class BodyReader {
  private static final int MAX = Limits.MAX_BODY_BYTES;

  private BodyReader() {}

  /**
   * Returns the body's (decompressed) bytes.
   *
   * @param contentType the Content-Type header, may be null
   * @param contentEncoding the Content-Encoding header, may be null
   * @param contentLength the declared length, or -1 when unknown (chunked)
   * @param body the raw request body
   * @throws RequestRejectedException 415 for a type or encoding the collector does not read, 413 when
   *     the body is too large, 400 when gzip data is corrupt or the body cannot be read to its end
   */
  public static byte[] read(String contentType, String contentEncoding, long contentLength, InputStream body)
      throws IOException {
    requireJson(contentType);
    boolean gzip = isGzip(contentEncoding);
    if (contentLength > MAX) {
      // Refuse before reading anything: the declared size alone is over the limit.
      throw RequestRejectedException.tooLarge(null, "request body is larger than " + MAX + " bytes");
    }
    InputStream sent = new BoundedInputStream(body, MAX, "request body");
    try {
      return gzip ? GzipBody.inflate(sent, MAX) : sent.readAllBytes();
    } catch (IOException e) {
      // The body ended before its Content-Length, or its chunked framing is broken: the server
      // reports that as an I/O error, but it is the client's fault and must not become a 500.
      throw RequestRejectedException.invalid(null,
          "request body could not be read to its end: it is shorter than its Content-Length or badly chunked");
    }
  }

  static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw RequestRejectedException.unsupportedMediaType("Content-Type must be application/json");
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      throw RequestRejectedException.unsupportedMediaType(
          "Content-Type must be application/json, not " + printable(parts[0].trim()));
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8")) {
          throw RequestRejectedException.unsupportedMediaType(
              "JSON must be sent as UTF-8, not " + printable(charset));
        }
      }
    }
  }

  static boolean isGzip(String contentEncoding) {
    if (contentEncoding == null) {
      return false;
    }
    String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
    switch (encoding) {
      case "", "identity":
        return false;
      case "gzip", "x-gzip":
        return true;
      default:
        throw RequestRejectedException.unsupportedMediaType(
            "Content-Encoding " + printable(encoding) + " is not supported; send gzip or no encoding");
    }
  }

  /** Quotes a header value for an error message, cut short and limited to printable ASCII. */
  private static String printable(String value) {
    String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
  }
}

package dev.telemetrykit.collector.http;

import dev.telemetrykit.collector.ingest.Limits;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what a client is still sending when the collector answers before reading it (a
 * 413 from Content-Length, a 415, 429 or 401). Otherwise the server closes the connection with
 * bytes unread, the client's kernel gets a reset, and the client may see a network error instead of
 * the answer: it would retry a batch it should have split (413) or waited with (429).
 */
final class UnreadBody {
  /**
   * Most bytes dropped per request: a little over the largest valid body. A client declaring more
   * is not following the protocol and gets the connection closed instead.
   */
  static final long MAX_DISCARDED = 2L * Limits.MAX_BODY_BYTES;

  private UnreadBody() {}

  static void discard(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > MAX_DISCARDED) {
      return;
    }
    try {
      InputStream body = request.getInputStream();
      byte[] buffer = new byte[16 * 1024];
      long dropped = 0;
      for (int read = body.read(buffer); read > 0 && dropped < MAX_DISCARDED; read = body.read(buffer)) {
        dropped += read;
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the body was read another way: nothing left to protect.
    }
  }
}

package dev.telemetrykit.collector.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip body strictly (RFC 1952): one or more complete members and nothing else, each
 * with a valid header, deflate data, CRC-32 and length. {@link java.util.zip.GZIPInputStream}
 * silently ignores bytes after the last member that do not start another one, so a body with
 * trailing garbage would be accepted; the protocol says corrupt gzip is a 400.
 *
 * <p>Reads the compressed stream as it goes, so that a "bomb" is stopped after at most the limit
 * of inflated bytes, not after inflating everything.
 */
final class GzipBody {
  private static final int ID1 = 0x1f;
  private static final int ID2 = 0x8b;
  private static final int DEFLATE = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED_FLAGS = 0xe0;

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int end;

  private GzipBody(InputStream in) {
    this.in = in;
  }

  /**
   * The inflated bytes of {@code in}.
   *
   * @throws RequestRejectedException 400 when the data is not complete, valid gzip, 413 when it
   *     inflates to more than {@code maxInflated} bytes
   * @throws IOException when {@code in} cannot be read
   */
  static byte[] inflate(InputStream in, int maxInflated) throws IOException {
    GzipBody gzip = new GzipBody(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      gzip.member(out, maxInflated);
    } while (gzip.hasMore());
    return out.toByteArray();
  }

  private void member(ByteArrayOutputStream out, int maxInflated) throws IOException {
    header();
    CRC32 crc = new CRC32();
    long size = 0;
    Inflater inflater = new Inflater(true); // raw deflate: the gzip framing is read here
    try {
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (!fill()) {
            throw corrupt(); // the stream ends inside the compressed data
          }
          inflater.setInput(buffer, position, end - position);
          position = end;
        }
        int n = inflater.inflate(chunk);
        if (n == 0 && inflater.needsDictionary()) {
          throw corrupt();
        }
        if (out.size() + n > maxInflated) {
          throw RequestRejectedException.tooLarge(null, "decompressed body is larger than " + maxInflated + " bytes");
        }
        crc.update(chunk, 0, n);
        out.write(chunk, 0, n);
        size += n;
      }
      position = end - inflater.getRemaining(); // bytes after the deflate data belong to the trailer
    } catch (DataFormatException e) {
      throw corrupt();
    } finally {
      inflater.end();
    }
    if (int32() != (int) crc.getValue() || int32() != (int) size) {
      throw corrupt();
    }
  }

  private void header() throws IOException {
    CRC32 crc = new CRC32();
    if (next(crc) != ID1 || next(crc) != ID2 || next(crc) != DEFLATE) {
      throw corrupt();
    }
    int flags = next(crc);
    if ((flags & RESERVED_FLAGS) != 0) {
      throw corrupt();
    }
    for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
      next(crc);
    }
    if ((flags & FEXTRA) != 0) {
      int length = next(crc) | next(crc) << 8;
      for (int i = 0; i < length; i++) {
        next(crc);
      }
    }
    for (int field : new int[] {FNAME, FCOMMENT}) {
      if ((flags & field) != 0) {
        while (next(crc) != 0) {
          // a zero-terminated string: the original file name or a comment
        }
      }
    }
    if ((flags & FHCRC) != 0) {
      int expected = (int) crc.getValue() & 0xffff;
      if ((next(null) | next(null) << 8) != expected) {
        throw corrupt();
      }
    }
  }

  private int int32() throws IOException {
    return next(null) | next(null) << 8 | next(null) << 16 | next(null) << 24;
  }

  /** The next byte, added to {@code crc} unless null; the stream must not end here. */
  private int next(CRC32 crc) throws IOException {
    if (!fill()) {
      throw corrupt();
    }
    int b = buffer[position++] & 0xff;
    if (crc != null) {
      crc.update(b);
    }
    return b;
  }

  /** Whether bytes follow the member just read: they must be another member. */
  private boolean hasMore() throws IOException {
    return fill();
  }

  /** Makes sure the buffer holds at least one unread byte; false at the end of the stream. */
  private boolean fill() throws IOException {
    while (position == end) {
      int n = in.read(buffer);
      if (n < 0) {
        return false;
      }
      position = 0;
      end = n;
    }
    return true;
  }

  private static RequestRejectedException corrupt() {
    return RequestRejectedException.invalid(null, "request body is not valid gzip data");
  }
}

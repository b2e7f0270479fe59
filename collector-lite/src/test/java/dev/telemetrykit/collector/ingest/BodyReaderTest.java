package dev.telemetrykit.collector.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyReaderTest {
  private static final byte[] JSON = "{\"a\":1}".getBytes(UTF_8);

  @Test
  void plainBodyIsReturnedAsSent() throws IOException {
    assertThat(BodyReader.read("application/json", null, JSON.length, new ByteArrayInputStream(JSON))).isEqualTo(JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "x-gzip", " GZIP "})
  void gzipBodyIsDecompressed(String encoding) throws IOException {
    byte[] gzip = gzip(JSON);
    assertThat(BodyReader.read("application/json", encoding, gzip.length, new ByteArrayInputStream(gzip))).isEqualTo(JSON);
  }

  @Test
  void identityEncodingMeansUncompressed() throws IOException {
    assertThat(BodyReader.read("application/json", "identity", -1, new ByteArrayInputStream(JSON))).isEqualTo(JSON);
  }

  @Test
  void declaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() {
    InputStream mustNotBeRead = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body was read");
      }
    };
    assertThatThrownBy(() -> BodyReader.read("application/json", null, Limits.MAX_BODY_BYTES + 1L, mustNotBeRead))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void undeclaredLengthIsCappedWhileReading() {
    byte[] big = new byte[Limits.MAX_BODY_BYTES + 1];
    assertThatThrownBy(() -> BodyReader.read("application/json", null, -1, new ByteArrayInputStream(big)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void gzipBombIsStoppedAfterTheLimitNotAfterInflatingEverything() throws IOException {
    byte[] bomb = gzip(new byte[64 << 20]);
    CountingInputStream sent = new CountingInputStream(new ByteArrayInputStream(bomb));

    assertThatThrownBy(() -> BodyReader.read("application/json", "gzip", bomb.length, sent))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
    // 1 MiB of zeros compresses to about 1 KiB; reading far less than the whole bomb proves we stopped early.
    assertThat(sent.count).isLessThan(bomb.length / 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "deflate", "gzip, gzip", "compress"})
  void otherEncodingsAreUnsupported(String encoding) {
    assertThatThrownBy(() -> BodyReader.read("application/json", encoding, -1, new ByteArrayInputStream(JSON)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(415));
  }

  @Test
  void missingContentTypeIsUnsupported() {
    assertThatThrownBy(() -> BodyReader.read(null, null, -1, new ByteArrayInputStream(JSON)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(415));
  }

  @Test
  void headerValuesAreNotEchoedRaw() {
    assertThatThrownBy(() -> BodyReader.read("text/\u0007" + "x".repeat(500), null, -1, new ByteArrayInputStream(JSON)))
        .hasMessageNotContaining("\u0007")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(120));
  }

  @Test
  void truncatedGzipIsInvalid() throws IOException {
    byte[] gzip = gzip(JSON);
    byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length - 6);
    assertThatThrownBy(() -> BodyReader.read("application/json", "gzip", -1, new ByteArrayInputStream(truncated)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void gzipHeaderWithFileNameAndHeaderChecksumIsRead() throws IOException {
    byte[] plain = gzip(JSON);
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.write(plain, 0, 10);
    header.write("batch.json\0".getBytes(ISO_8859_1));
    byte[] head = header.toByteArray();
    head[3] |= 8 | 2; // FNAME and FHCRC, as the gzip tool may write them
    CRC32 crc = new CRC32();
    crc.update(head);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    sent.write(head);
    sent.write((int) crc.getValue() & 0xff);
    sent.write((int) (crc.getValue() >> 8) & 0xff);
    sent.write(plain, 10, plain.length - 10);

    byte[] body = sent.toByteArray();
    assertThat(BodyReader.read("application/json", "gzip", body.length, new ByteArrayInputStream(body))).isEqualTo(JSON);
    body[head.length] ^= 1; // a wrong header checksum
    assertThatThrownBy(() -> BodyReader.read("application/json", "gzip", -1, new ByteArrayInputStream(body)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void gzipWithAWrongChecksumIsInvalid() throws IOException {
    byte[] gzip = gzip(JSON);
    gzip[gzip.length - 8] ^= 1; // the CRC-32 of the trailer

    assertThatThrownBy(() -> BodyReader.read("application/json", "gzip", -1, new ByteArrayInputStream(gzip)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    }
    return out.toByteArray();
  }

  /** Records how many bytes the reader pulled from the network side. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }
}

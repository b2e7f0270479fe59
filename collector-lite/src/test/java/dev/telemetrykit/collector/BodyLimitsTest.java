package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.ingest.Limits;
import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RunningCollector;
import dev.telemetrykit.collector.support.RunningCollector.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The 1 MiB body limit, before and after gzip decompression. */
class BodyLimitsTest {
  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @Test
  void gzipBombIsRejectedQuicklyAndTheServerKeepsServing() throws IOException {
    byte[] bomb = gzipZeros(50 << 20); // 50 MiB of zeros, about 50 KiB compressed

    long start = System.nanoTime();
    Response response = collector.post(bomb, "application/json", "gzip");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("error").textValue()).contains("decompressed");
    assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
    assertThat(collector.get("/health").status()).isEqualTo(200);
    assertThat(collector.postJson(Batches.bytes(Batches.commands(1, Batches.userId()))).status()).isEqualTo(200);
  }

  @Test
  void plainBodyOverOneMebibyteIsRejectedWith413() {
    byte[] body = padded(Batches.bytes(Batches.commands(1, Batches.userId())), Limits.MAX_BODY_BYTES + 1);

    Response response = collector.postJson(body);

    assertThat(response.status()).isEqualTo(413);
    assertThat(collector.get("/health").status()).isEqualTo(200);
  }

  @Test
  void compressedBodyOverOneMebibyteIsRejectedWith413() throws IOException {
    byte[] noise = new byte[Limits.MAX_BODY_BYTES + 4096];
    new Random(7).nextBytes(noise); // random bytes do not compress, so the gzip body exceeds 1 MiB

    Response response = collector.post(gzip(noise), "application/json", "gzip");

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void bodyOfExactlyOneMebibyteIsAccepted() {
    String user = Batches.userId();
    byte[] body = padded(Batches.bytes(Batches.commands(1, user)), Limits.MAX_BODY_BYTES);

    Response response = collector.postJson(body);

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
    assertThat(collector.storedEvents(user)).isEqualTo(1);
  }

  @Test
  void decompressedBodyOfExactlyOneMebibyteIsAccepted() throws IOException {
    String user = Batches.userId();
    byte[] body = padded(Batches.bytes(Batches.commands(1, user)), Limits.MAX_BODY_BYTES);

    Response response = collector.post(gzip(body), "application/json", "gzip");

    assertThat(response.status()).as("%s", response.json()).isEqualTo(200);
  }

  /** The JSON followed by spaces (legal trailing whitespace) up to exactly {@code size} bytes. */
  private static byte[] padded(byte[] json, int size) {
    byte[] body = " ".repeat(size).getBytes(UTF_8);
    System.arraycopy(json, 0, body, 0, json.length);
    return body;
  }

  private static byte[] gzipZeros(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 16];
      for (int written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] plain) {
    return RunningCollector.gzip(plain);
  }
}

package dev.telemetrykit.collector;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetrykit.collector.support.Batches;
import dev.telemetrykit.collector.support.RawHttpClient;
import dev.telemetrykit.collector.support.RawHttpClient.RawResponse;
import dev.telemetrykit.collector.support.Refusals;
import dev.telemetrykit.collector.support.RunningCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bodies broken at the HTTP level, below JSON: the client's fault, so a 400 with the JSON error body,
 * never the 500 an I/O error while reading would otherwise become, and never a stored event.
 */
class MalformedHttpTest {
  private static final String POST = "POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json";

  @RegisterExtension
  static final RunningCollector collector = RunningCollector.perClass();

  @Test
  void bodyShorterThanItsContentLengthIsA400() {
    byte[] batch = Batches.bytes(Batches.commands(3, Batches.userId()));

    assertRefused(POST + "\r\nContent-Length: " + (batch.length + 100), batch);
  }

  @Test
  void bodyCutInsideAChunkIsA400() {
    byte[] batch = Batches.bytes(Batches.commands(3, Batches.userId()));
    byte[] chunk = ("ffff\r\n" + new String(batch, US_ASCII)).getBytes(US_ASCII); // announces more than is sent

    assertRefused(POST + "\r\nTransfer-Encoding: chunked", chunk);
  }

  @Test
  void malformedChunkSizeIsA400() {
    assertRefused(POST + "\r\nTransfer-Encoding: chunked", "zz\r\nabc\r\n0\r\n\r\n".getBytes(US_ASCII));
  }

  @Test
  void bothContentLengthAndTransferEncodingIsA400WithTheJsonErrorBody() {
    assertRefused(POST + "\r\nContent-Length: 5\r\nTransfer-Encoding: chunked", "0\r\n\r\n".getBytes(US_ASCII));
  }

  @Test
  void gzipBodyShorterThanItsContentLengthStoresNothingPartial() {
    String user = Batches.userId();
    byte[] gzip = RunningCollector.gzip(Batches.bytes(Batches.commands(3, user)));
    byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);

    assertRefused(POST + "\r\nContent-Encoding: gzip\r\nContent-Length: " + gzip.length, cut);
    assertThat(collector.storedEvents(user)).isZero();
  }

  private static void assertRefused(String head, byte[] body) {
    long before = collector.storedEvents();

    RawResponse response = RawHttpClient.send(collector.collector().uri(), head, body);

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.json()).as(response.text()).isNotNull();
    assertThat(response.json().path("error").textValue()).as(response.text()).isNotBlank();
    assertThat(collector.storedEvents()).isEqualTo(before);
    Refusals.assertStillServing(collector, head);
  }
}

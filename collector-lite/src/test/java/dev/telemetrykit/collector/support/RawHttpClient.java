package dev.telemetrykit.collector.support;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;

/**
 * Sends hand-written HTTP/1.1 over a socket, for requests {@link java.net.http.HttpClient} refuses
 * to make: a body shorter than its Content-Length, broken chunked framing, conflicting headers.
 * The socket's output is shut after sending, as a client that gives up would, and the answer read.
 */
public final class RawHttpClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private RawHttpClient() {}

  /** The status and JSON body (null when not JSON) of one raw exchange. */
  public record RawResponse(int status, JsonNode json, String text) {}

  /** Sends {@code head} (request line and headers, without the blank line) and then {@code body}. */
  public static RawResponse send(URI server, String head, byte[] body) {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
      out.write(body);
      out.flush();
      socket.shutdownOutput();
      String text = new String(socket.getInputStream().readAllBytes(), UTF_8);
      int status = Integer.parseInt(text.substring(9, 12)); // "HTTP/1.1 400 ..."
      String content = text.substring(text.indexOf("\r\n\r\n") + 4);
      return new RawResponse(status, parse(content), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String content) {
    try {
      return JSON.readTree(content);
    } catch (IOException e) {
      return null;
    }
  }
}

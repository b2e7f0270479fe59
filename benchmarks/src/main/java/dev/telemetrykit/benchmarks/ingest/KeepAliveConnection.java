package dev.telemetrykit.benchmarks.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One persistent HTTP/1.1 connection that POSTs JSON bodies and reads the answers. Hand-written on a
 * socket because the senders share the machine's cores with the collector: java.net.http costs
 * several times the CPU per request, which the collector's figures would pay for.
 */
final class KeepAliveConnection implements AutoCloseable {
  private static final Pattern RECEIVED = Pattern.compile("\"received\":(\\d+),(?:\"accepted\":\\d+,)?\"duplicates\":(\\d+)");

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;
  private final byte[] line = new byte[8192];

  KeepAliveConnection(String host, int port) throws IOException {
    this.host = host + ":" + port;
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  /** What the collector answered to one batch. */
  record Answer(int status, int received, int duplicates, String body) {}

  Answer post(String path, byte[] body, int length) throws IOException {
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + length + "\r\n\r\n";
    out.write(head.getBytes(ISO_8859_1));
    out.write(body, 0, length);
    out.flush();
    return readAnswer();
  }

  private Answer readAnswer() throws IOException {
    String status = readLine();
    int code = Integer.parseInt(status.substring(9, 12)); // "HTTP/1.1 200 OK"
    int contentLength = -1;
    boolean chunked = false;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Integer.parseInt(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    String text = chunked ? readChunked() : new String(in.readNBytes(contentLength), UTF_8);
    Matcher m = RECEIVED.matcher(text);
    if (code == 200 && m.find()) {
      return new Answer(code, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text);
    }
    return new Answer(code, 0, 0, text);
  }

  private String readChunked() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
      text.append(new String(in.readNBytes(size), UTF_8));
      readLine();
    }
    readLine();
    return text.toString();
  }

  private String readLine() throws IOException {
    int n = 0;
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by the collector");
      }
      if (b != '\r' && n < line.length) {
        line[n++] = (byte) b;
      }
    }
    return new String(line, 0, n, ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package dev.telemetrykit.picocli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on loopback, written on a plain socket, that reads a request and answers it the way a
 * hostile or broken endpoint would: a body without end, a body dripped a byte at a time, or a
 * redirect elsewhere. It notes when the client hangs up, which is how a test sees that the client
 * gave up the connection rather than reading on. Every answer ends by itself within
 * {@link #MAX_ANSWER_MILLIS}, and its threads are daemons.
 */
public final class HostileCollector implements AutoCloseable {
  /** No answer lasts longer than this, whatever the client does. */
  public static final long MAX_ANSWER_MILLIS = 90_000L;

  private interface Answer {
    void write(OutputStream out, HostileCollector self) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Answer answer;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bodyBytesWritten = new AtomicLong();
  private final CountDownLatch hungUp = new CountDownLatch(1);

  private HostileCollector(InetAddress address, Answer answer) throws IOException {
    this.server = new ServerSocket();
    this.server.bind(new InetSocketAddress(address, 0));
    this.answer = answer;
    Thread acceptor = new Thread(this::accept, "hostile-collector");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers 200 with a chunked body that never ends, written as fast as the client takes it. */
  public static HostileCollector endlessBody() throws IOException {
    return new HostileCollector(InetAddress.getLoopbackAddress(), (out, self) -> {
      out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
      byte[] chunk = new byte[8192];
      Arrays.fill(chunk, (byte) 'x');
      byte[] head = ascii(Integer.toHexString(chunk.length) + "\r\n");
      long until = System.currentTimeMillis() + MAX_ANSWER_MILLIS;
      while (System.currentTimeMillis() < until) {
        out.write(head);
        out.write(chunk);
        out.write(ascii("\r\n"));
        self.bodyBytesWritten.addAndGet(chunk.length);
      }
    });
  }

  /**
   * Answers 200 at once with a long announced body, then sends one byte of it every {@code
   * everyMillis}.
   */
  public static HostileCollector drippingBody(long everyMillis) throws IOException {
    return new HostileCollector(InetAddress.getLoopbackAddress(), (out, self) -> {
      out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"));
      out.flush();
      long until = System.currentTimeMillis() + MAX_ANSWER_MILLIS;
      while (System.currentTimeMillis() < until) {
        out.write('x');
        out.flush();
        self.bodyBytesWritten.incrementAndGet();
        Thread.sleep(everyMillis);
      }
    });
  }

  /** Answers 307 pointing at {@code location}. */
  public static HostileCollector redirectingTo(String location) throws IOException {
    return new HostileCollector(InetAddress.getLoopbackAddress(), (out, self) ->
        out.write(ascii("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n")));
  }

  /**
   * Listens on 127.0.0.2, another address than the other servers' 127.0.0.1 (so, to a client,
   * another host), and answers 200 with a collector's answer to any request.
   */
  public static HostileCollector otherHost() throws IOException {
    return new HostileCollector(InetAddress.getByName("127.0.0.2"), (out, self) -> {
      byte[] body = ascii("{\"received\":1,\"duplicates\":0}");
      out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"));
      out.write(body);
    });
  }

  /** {@code http://host:port}. */
  public String endpoint() {
    return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** Requests read so far. */
  public int requests() {
    return requests.get();
  }

  /** Bytes of response body written so far. */
  public long bodyBytesWritten() {
    return bodyBytesWritten.get();
  }

  /** Waits for a client to close a connection while its answer was still being written. */
  public boolean awaitHangUp(long millis) throws InterruptedException {
    return hungUp.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing: nothing to do
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "hostile-collector-answer");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) MAX_ANSWER_MILLIS);
      readRequest(socket.getInputStream());
      requests.incrementAndGet();
      OutputStream out = socket.getOutputStream();
      answer.write(out, this);
      out.flush();
    } catch (IOException e) {
      hungUp.countDown(); // the client closed the connection (or never sent a whole request)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the head and as much body as Content-Length announces. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before sending a request");
      }
      head.append((char) b);
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes((int) length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package dev.telemetrykit.picocli.internal.sync;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code cap} bytes of a response body, then hangs up. A collector's answer is a
 * line of JSON; a server that streams gigabytes (a misconfigured proxy, a hostile endpoint) must
 * not make an upload hold them in memory. What was read is decoded as UTF-8, a cut character
 * replaced.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {
  private final int cap;
  private final ByteArrayOutputStream kept;
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private Flow.Subscription subscription; // the client calls one method at a time (Flow rules)

  private BoundedBody(int cap) {
    this.cap = cap;
    this.kept = new ByteArrayOutputStream(Math.min(cap, 1024));
  }

  /** A handler whose bodies keep at most {@code cap} bytes. */
  static HttpResponse.BodyHandler<String> handler(int cap) {
    return info -> new BoundedBody(cap);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return; // signals may still arrive after a cancel
    }
    for (ByteBuffer buffer : buffers) {
      int room = cap - kept.size();
      int take = Math.min(room, buffer.remaining());
      byte[] bytes = new byte[take];
      buffer.get(bytes);
      kept.write(bytes, 0, take);
      if (buffer.hasRemaining()) {
        // Cancelling closes the connection rather than reading the rest to reuse it.
        subscription.cancel();
        finish();
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    finish();
  }

  @Override
  public CompletionStage<String> getBody() {
    return body;
  }

  private void finish() {
    body.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8));
  }
}

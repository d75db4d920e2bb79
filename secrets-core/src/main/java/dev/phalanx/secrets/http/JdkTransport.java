package dev.phalanx.secrets.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The transport over {@link HttpClient}: HTTP/1.1, no redirect followed (see {@link
 * RedirectingTransport}), a connect timeout and a timeout on every request.
 */
public final class JdkTransport implements Transport, AutoCloseable {

  /** How long {@link #close()} waits for the selector thread to end. */
  private static final Duration SELECTOR_STOP = Duration.ofMillis(200);

  private final HttpClient client;
  private final Duration requestTimeout;
  private volatile boolean closed;

  /**
   * Creates the transport.
   *
   * @param connectTimeout how long to wait for a connection
   * @param requestTimeout how long to wait for each response
   * @param sslContext the TLS set-up, or null for the JDK's default trust
   */
  public JdkTransport(
      Duration connectTimeout, Duration requestTimeout, @Nullable SSLContext sslContext) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.client = builder.build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the transport is closed
   */
  @Override
  public Response send(Request request) throws IOException {
    if (closed) {
      throw new IllegalStateException("the HTTP client is closed");
    }
    byte[] body = request.body();
    HttpRequest.BodyPublisher publisher =
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(requestTimeout)
            .method(request.method(), publisher);
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      builder.header(h.getKey(), h.getValue());
    }
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted");
      io.initCause(e);
      throw io;
    }
  }

  /**
   * Releases the connections and the client's threads. On Java 21 and later this is {@code
   * HttpClient.close()}. Java 17 to 20 have no such method: the client's selector thread stays in
   * native code until the client is garbage collected, and the JVM's exit waits up to 0.3 s for a
   * thread in native code (BENCHMARKS.md, issue 13), so this stops that thread itself.
   */
  @Override
  public void close() {
    closed = true;
    Object c = client;
    if (c instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: nothing is left to release that the caller could act on.
      }
      return;
    }
    stopSelector(client);
  }

  /** Waits up to {@link #SELECTOR_STOP} for the thread to end, without taking its monitor. */
  private static void awaitEnd(Thread t) {
    long deadline = System.nanoTime() + SELECTOR_STOP.toNanos();
    try {
      while (t.isAlive() && System.nanoTime() - deadline < 0) {
        Thread.sleep(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the selector thread of a Java 17 to 20 client: {@code HttpClient-ID-SelectorManager}, ID
   * being the number its {@code toString()} ends with in parentheses. Interrupted, the thread
   * leaves its loop and closes the client's selector and connections. Nothing happens when the name
   * cannot be worked out, so another client's thread is never touched.
   *
   * <p>The wait never takes the thread's monitor: {@code Thread.join} would, and the JDK's selector
   * thread uses its own monitor as a lock. When it stops while a worker thread is returning a
   * connection to the pool, the two can deadlock inside the JDK (seen with TLS connections on JDK
   * 17.0.15), and a join would then hang the caller too. The wait is bounded instead, and leaves a
   * stuck selector thread behind (a daemon thread, which does not hold up the JVM's exit).
   */
  static void stopSelector(HttpClient client) {
    String text = client.toString();
    int open = text.lastIndexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      return;
    }
    String id = text.substring(open + 1, text.length() - 1);
    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      return;
    }
    String name = "HttpClient-" + id + "-SelectorManager";
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      Thread t = threads[i];
      if (t.getName().equals(name)) {
        t.interrupt();
        awaitEnd(t);
        return;
      }
    }
  }
}

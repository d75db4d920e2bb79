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

  private final HttpClient client;
  private final Duration requestTimeout;

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

  @Override
  public Response send(Request request) throws IOException {
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

  /** Releases the connections (on Java 21 and later; a no-op on 17). */
  @Override
  public void close() {
    // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end when it is unreachable.
    Object c = client;
    if (c instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: nothing is left to release that the caller could act on.
      }
    }
  }
}

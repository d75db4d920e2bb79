package dev.phalanx.secrets.vault.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** The transport over {@link HttpClient}: no redirects followed, a timeout on every request. */
final class JdkTransport implements Transport, AutoCloseable {

  private final HttpClient client;
  private final Duration requestTimeout;

  JdkTransport(Duration connectTimeout, Duration requestTimeout, SSLContext sslContext) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(sslContext)
            .build();
    this.requestTimeout = requestTimeout;
  }

  @Override
  public RawResponse send(RawRequest request) throws IOException {
    HttpRequest.BodyPublisher publisher =
        request.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
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
      return new RawResponse(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted");
      io.initCause(e);
      throw io;
    }
  }

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

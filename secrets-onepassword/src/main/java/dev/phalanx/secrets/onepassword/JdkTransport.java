package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Transport} over {@link HttpClient}: Bearer token, timeouts, no redirects, a counter. */
final class JdkTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(JdkTransport.class);

  private final HttpClient client;
  private final String baseUrl;
  private final SecretValue token;
  private final Duration requestTimeout;
  private final AtomicInteger requests = new AtomicInteger();

  JdkTransport(
      String baseUrl, SecretValue token, Duration connectTimeout, Duration requestTimeout) {
    this.baseUrl = stripTrailingSlashes(baseUrl);
    this.token = token;
    this.requestTimeout = requestTimeout;
    // Connect never redirects; following one could send the token elsewhere.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private static String stripTrailingSlashes(String url) {
    String u = url.strip();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public Reply get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + token.reveal())
            .header("Accept", "application/json")
            .GET()
            .build();
    requests.incrementAndGet();
    HttpResponse<String> response =
        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    LOG.trace("GET {} -> {}", path, response.statusCode());
    return new Reply(
        response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
  }

  @Override
  public int requestCount() {
    return requests.get();
  }

  /** The server only; never the token. */
  @Override
  public String toString() {
    return "JdkTransport[" + baseUrl + "]";
  }
}

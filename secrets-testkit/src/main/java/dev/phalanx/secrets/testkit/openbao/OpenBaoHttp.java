package dev.phalanx.secrets.testkit.openbao;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** The HTTP plumbing of {@link OpenBaoServer}: its JDK client, TLS trust and API calls. */
final class OpenBaoHttp {

  private OpenBaoHttp() {}

  /** A client, trusting only the given CA when there is one. */
  static HttpClient client(@Nullable Path ca) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (ca != null) {
      b.sslContext(trusting(ca));
    }
    return b.build();
  }

  /**
   * An {@link SSLContext} that trusts only the given PEM certificates.
   *
   * @param pem the PEM file
   * @return the context
   */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + pem, e);
    }
  }

  /**
   * Calls the HTTP API.
   *
   * @param http the client
   * @param address the server's base URL
   * @param method the HTTP method ({@code LIST} is sent as is)
   * @param path the API path without {@code /v1/}
   * @param json the JSON body, or null for none
   * @param token the token
   * @return the status and body
   */
  static OpenBaoServer.Response call(
      HttpClient http,
      URI address,
      String method,
      String path,
      @Nullable String json,
      SecretValue token) {
    HttpRequest request =
        HttpRequest.newBuilder(address.resolve("/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Vault-Token", token.reveal())
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new OpenBaoServer.Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

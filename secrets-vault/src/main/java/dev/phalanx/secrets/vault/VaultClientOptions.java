package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.http.HttpSettings;
import dev.phalanx.secrets.http.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one Vault/OpenBao server. Holds no credentials.
 *
 * @param address the server's base URL, e.g. {@code https://vault.example.com}; {@code /v1} is
 *     added by the client
 * @param namespace the Vault Enterprise namespace sent as {@code X-Vault-Namespace}, or null for
 *     none
 * @param http timeouts and retries (the shared rules of {@link dev.phalanx.secrets.http})
 * @param caCertificates a PEM bundle of trusted CA certificates, or null for the JDK's default
 *     trust store
 */
record VaultClientOptions(
    URI address, @Nullable String namespace, HttpSettings http, @Nullable Path caCertificates) {

  /**
   * Vault's defaults: connect timeout 10 s, request timeout 30 s; three attempts, backoff 200 ms
   * doubling up to 5 s, at most 60 s in all, a {@code Retry-After} of at most 60 s honoured.
   */
  static final HttpSettings DEFAULT_HTTP =
      new HttpSettings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          new RetryPolicy(
              3,
              Duration.ofMillis(200),
              Duration.ofSeconds(5),
              Duration.ofSeconds(60),
              Duration.ofSeconds(60)));

  /** Checks the values: an absolute http(s) URL without user information. */
  VaultClientOptions {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(http, "http");
    String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || address.getHost() == null) {
      throw new IllegalArgumentException(
          "Vault URL must be an absolute http or https URL, got " + address);
    }
    if (address.getRawUserInfo() != null) {
      throw new IllegalArgumentException("Vault URL must not contain user information");
    }
    if (namespace != null && namespace.isBlank()) {
      namespace = null;
    }
  }

  /**
   * Options with default timeouts and retries, no namespace and the default trust store.
   *
   * @param address the server URL
   * @return the options
   */
  static VaultClientOptions of(URI address) {
    return new VaultClientOptions(address, null, DEFAULT_HTTP, null);
  }
}

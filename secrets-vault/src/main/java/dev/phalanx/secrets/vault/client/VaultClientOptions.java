package dev.phalanx.secrets.vault.client;

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
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each response
 * @param retry when and how often to retry
 * @param caCertificates a PEM bundle of trusted CA certificates, or null for the JDK's default
 *     trust store
 */
public record VaultClientOptions(
    URI address,
    @Nullable String namespace,
    Duration connectTimeout,
    Duration requestTimeout,
    Retry retry,
    @Nullable Path caCertificates) {

  /** Default connect timeout: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default request timeout: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Checks the values: an absolute http(s) URL, positive timeouts. */
  public VaultClientOptions {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || address.getHost() == null) {
      throw new IllegalArgumentException(
          "Vault URL must be an absolute http or https URL, got " + address);
    }
    if (address.getRawUserInfo() != null) {
      throw new IllegalArgumentException("Vault URL must not contain user information");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
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
  public static VaultClientOptions of(URI address) {
    return new VaultClientOptions(
        address, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, Retry.DEFAULTS, null);
  }

  /**
   * Retries of failed requests: only connection failures and HTTP 412, 429, 500, 502, 503 and 504
   * are retried, with exponential backoff and jitter; a {@code Retry-After} in seconds is honoured.
   *
   * @param maxAttempts attempts in all, at least 1 (1 = no retry)
   * @param initialDelay the delay before the first retry
   * @param maxDelay the largest delay between two attempts computed by backoff
   * @param maxTotal the time after the first attempt past which no retry starts
   */
  public record Retry(
      int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal) {

    /** Three attempts, 200 ms then doubling up to 5 s, at most 60 s in all. */
    public static final Retry DEFAULTS =
        new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));

    /** Checks the values. */
    public Retry {
      Objects.requireNonNull(initialDelay, "initialDelay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      Objects.requireNonNull(maxTotal, "maxTotal");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retry attempts must be at least 1");
      }
      if (initialDelay.isNegative() || maxDelay.isNegative() || maxTotal.isNegative()) {
        throw new IllegalArgumentException("retry delays must not be negative");
      }
    }
  }
}

package dev.phalanx.secrets.http;

import dev.phalanx.secrets.spi.OptionReader;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and retries of a backend's requests, and the one set of option names for them:
 *
 * <ul>
 *   <li>{@code connect-timeout}, {@code request-timeout}: more than zero;
 *   <li>{@code retry-max-attempts}: attempts in all, 1 to 20 (1 = no retry);
 *   <li>{@code retry-initial-backoff}, {@code retry-max-backoff}: the backoff before the first
 *       retry, and its cap;
 *   <li>{@code retry-max-total}: no retry starts past this time after the first attempt;
 *   <li>{@code retry-after-max}: the longest {@code Retry-After} honoured.
 * </ul>
 *
 * <p>Durations use the one grammar ({@link dev.phalanx.secrets.spi.Durations}). The old names
 * {@code retry-attempts}, {@code retry-initial-delay} and {@code retry-max-delay} are accepted for
 * one release, with a deprecation warning.
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each response
 * @param retry when and how often to retry
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {

  /** Checks the values: positive timeouts. */
  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
  }

  /**
   * Reads the common options, each problem into the reader.
   *
   * @param options the reader
   * @param defaults the backend's defaults
   * @return the settings; the defaults where an option is absent or invalid
   */
  public static HttpSettings read(OptionReader options, HttpSettings defaults) {
    options
        .deprecatedAlias("retry-attempts", "retry-max-attempts")
        .deprecatedAlias("retry-initial-delay", "retry-initial-backoff")
        .deprecatedAlias("retry-max-delay", "retry-max-backoff");
    RetryPolicy d = defaults.retry();
    return new HttpSettings(
        options.positiveDuration("connect-timeout", defaults.connectTimeout()),
        options.positiveDuration("request-timeout", defaults.requestTimeout()),
        new RetryPolicy(
            options.integer("retry-max-attempts", d.maxAttempts(), 1, 20),
            options.duration("retry-initial-backoff", d.initialBackoff()),
            options.duration("retry-max-backoff", d.maxBackoff()),
            options.duration("retry-max-total", d.maxTotal()),
            options.duration("retry-after-max", d.retryAfterMax())));
  }
}

package dev.phalanx.secrets.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * The one retry policy of every backend. Retried: connection failures (a connect timeout included)
 * and HTTP 412, 429, 500, 502, 503 and 504. Never retried: TLS failures, refused redirects, request
 * timeouts (the server got the request and is slow: asking again multiplies the wait and the load),
 * interruptions, and every other status (400, 401, 403, 404, 405, 501...).
 *
 * <p>The wait before a retry is exponential backoff with "equal jitter" (half fixed, half random),
 * or the server's {@code Retry-After} (seconds or an HTTP date) when that is longer. A {@code
 * Retry-After} beyond {@code retryAfterMax} is not waited for: the failure is returned at once.
 * Attempts are capped, and no retry starts whose wait would end past {@code maxTotal} after the
 * first attempt.
 *
 * @param maxAttempts attempts in all, at least 1 (1 = no retry)
 * @param initialBackoff the backoff before the first retry
 * @param maxBackoff the largest backoff
 * @param maxTotal the time after the first attempt past which no retry starts
 * @param retryAfterMax the longest {@code Retry-After} honoured
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxTotal,
    Duration retryAfterMax) {

  private static final Set<Integer> RETRYABLE = Set.of(412, 429, 500, 502, 503, 504);

  /** Checks the values. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxTotal, "maxTotal");
    Objects.requireNonNull(retryAfterMax, "retryAfterMax");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1");
    }
    if (initialBackoff.isNegative()
        || maxBackoff.isNegative()
        || maxTotal.isNegative()
        || retryAfterMax.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
  }

  /**
   * Whether a status is retried.
   *
   * @param status the HTTP status
   * @return true for 412, 429, 500, 502, 503 and 504
   */
  public static boolean retryable(int status) {
    return RETRYABLE.contains(status);
  }

  /**
   * Whether a failure without a response is retried.
   *
   * @param e the failure
   * @return true for connection failures; false for TLS, request timeouts, refused redirects and
   *     interruptions
   */
  public static boolean retryable(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    if (e instanceof HttpTimeoutException
        || e instanceof InterruptedIOException
        || e instanceof RedirectRefusedException) {
      return false;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return false;
      }
    }
    return true;
  }

  /**
   * The backoff before retry number {@code attempt}: doubling from the initial backoff up to the
   * maximum, half of it fixed and half random.
   *
   * @param attempt the attempt that failed, from 1
   * @return the wait
   */
  public Duration backoff(int attempt) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    long exp = initial;
    for (int i = 1; i < attempt && exp < cap; i++) {
      exp = exp * 2;
    }
    exp = Math.min(exp, cap);
    long half = exp / 2;
    long jitter = half <= 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1);
    return Duration.ofNanos(half + jitter);
  }

  /**
   * Parses a {@code Retry-After} header: whole seconds, or an HTTP date (a date in the past is
   * zero).
   *
   * @param value the header value
   * @param clock the clock an HTTP date is measured from
   * @return the wait, or empty when the value is neither form
   */
  public static Optional<Duration> retryAfter(String value, Clock clock) {
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), when.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}

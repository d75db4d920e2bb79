package dev.phalanx.secrets.vault.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry decorator. Retries connection failures and HTTP 412, 429, 500, 502, 503 and 504
 * (never 501, never another 4xx), with exponential backoff and jitter, honouring a {@code
 * Retry-After} header given in seconds. Attempts and total time are capped.
 *
 * <p>Not retried: TLS failures and refused redirects (they would fail the same way again), and
 * request timeouts (the server got the request and is slow; retrying would multiply the wait and
 * the load). Connect timeouts are retried.
 */
final class RetryingTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTransport.class);
  private static final Set<Integer> RETRYABLE = Set.of(412, 429, 500, 502, 503, 504);

  private final Transport delegate;
  private final VaultClientOptions.Retry policy;
  private final Sleeper sleeper;

  RetryingTransport(Transport delegate, VaultClientOptions.Retry policy, Sleeper sleeper) {
    this.delegate = delegate;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  static boolean retryableStatus(int status) {
    return RETRYABLE.contains(status);
  }

  static boolean retryableFailure(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    return !(e instanceof HttpTimeoutException
        || e instanceof SSLException
        || e instanceof InterruptedIOException
        || e instanceof RedirectingTransport.RedirectRefusedException
        || e.getCause() instanceof SSLException);
  }

  @Override
  public RawResponse send(RawRequest request) throws IOException {
    long start = System.nanoTime();
    long budget = policy.maxTotal().toNanos();
    for (int attempt = 1; ; attempt++) {
      Duration delay;
      String reason;
      RawResponse response = null;
      IOException failure = null;
      try {
        response = delegate.send(request);
        if (!retryableStatus(response.status()) || attempt >= policy.maxAttempts()) {
          return response;
        }
        Optional<Duration> retryAfter = retryAfter(response);
        delay = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
        reason = "HTTP " + response.status();
      } catch (IOException e) {
        if (!retryableFailure(e) || attempt >= policy.maxAttempts()) {
          throw e;
        }
        failure = e;
        delay = backoff(attempt);
        reason = e.getClass().getSimpleName();
      }
      long elapsed = System.nanoTime() - start;
      if (elapsed + delay.toNanos() > budget) {
        LOG.debug(
            "{} {}: {} on attempt {}, not retried: the retry time limit of {} would be exceeded",
            request.method(),
            request.uri().getRawPath(),
            reason,
            attempt,
            policy.maxTotal());
        if (failure != null) {
          throw failure;
        }
        return response;
      }
      LOG.debug(
          "{} {}: {} on attempt {} of {}, retrying in {} ms",
          request.method(),
          request.uri().getRawPath(),
          reason,
          attempt,
          policy.maxAttempts(),
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io =
            new InterruptedIOException("interrupted while waiting to retry");
        io.initCause(e);
        throw io;
      }
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random. */
  Duration backoff(int attempt) {
    long initial = policy.initialDelay().toNanos();
    long cap = policy.maxDelay().toNanos();
    long exp = initial;
    for (int i = 1; i < attempt && exp < cap; i++) {
      exp = exp * 2;
    }
    exp = Math.min(exp, cap);
    long half = exp / 2;
    long jitter = half <= 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1);
    return Duration.ofNanos(half + jitter);
  }

  /** A {@code Retry-After} in seconds; the HTTP-date form is ignored (backoff applies). */
  static Optional<Duration> retryAfter(RawResponse response) {
    Optional<String> value = response.header("Retry-After");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.get().trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** How to wait; a seam so that tests need not sleep. */
  interface Sleeper {
    /** The real one. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
  }
}

package dev.phalanx.secrets.onepassword;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where requests are retried: connection failures, 429 and 500/502/503/504, with
 * exponential backoff and jitter, honouring {@code Retry-After}, for a capped number of attempts.
 * Never 401/403/404 or 501; never a request that timed out after connecting (the server is slow,
 * and asking again only adds load).
 */
final class RetryingTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTransport.class);

  /** Sleeps; a seam for tests. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Transport delegate;
  private final RetryPolicy policy;
  private final Sleeper sleeper;

  RetryingTransport(Transport delegate, RetryPolicy policy, Sleeper sleeper) {
    this.delegate = delegate;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  RetryingTransport(Transport delegate, RetryPolicy policy) {
    this(delegate, policy, d -> Thread.sleep(d.toMillis()));
  }

  static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  @Override
  public Reply get(String path) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Reply reply;
      try {
        reply = delegate.get(path);
      } catch (HttpConnectTimeoutException e) {
        if (attempt >= policy.maxAttempts()) {
          throw e;
        }
        pause(path, attempt, Optional.empty(), "connect timeout");
        continue;
      } catch (HttpTimeoutException e) {
        throw e;
      } catch (IOException e) {
        if (attempt >= policy.maxAttempts()) {
          throw e;
        }
        pause(path, attempt, Optional.empty(), e.getClass().getSimpleName());
        continue;
      }
      if (!retryable(reply.status()) || attempt >= policy.maxAttempts()) {
        return reply;
      }
      Optional<Duration> retryAfter =
          reply.retryAfter().flatMap(RetryingTransport::parseRetryAfter);
      if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
        LOG.debug(
            "GET {} -> {}: Retry-After {}s is beyond the {}s limit; not retrying",
            path,
            reply.status(),
            retryAfter.get().toSeconds(),
            policy.maxRetryAfter().toSeconds());
        return reply;
      }
      pause(path, attempt, retryAfter, "HTTP " + reply.status());
    }
  }

  private void pause(String path, int attempt, Optional<Duration> retryAfter, String why)
      throws InterruptedException {
    Duration wait = backoff(attempt);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    LOG.debug(
        "GET {} failed ({}), attempt {} of {}; retrying in {} ms",
        path,
        why,
        attempt,
        policy.maxAttempts(),
        wait.toMillis());
    sleeper.sleep(wait);
  }

  /** Exponential backoff capped at the maximum, with "equal jitter" (half fixed, half random). */
  private Duration backoff(int attempt) {
    long base = policy.initialBackoff().toMillis();
    long cap = policy.maxBackoff().toMillis();
    long exp = base << Math.min(attempt - 1, 20);
    long ceiling = Math.max(0, Math.min(cap, exp));
    long half = ceiling / 2;
    long random = ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    return Duration.ofMillis(half + random);
  }

  /** Seconds, or an HTTP date; anything else is ignored. */
  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  @Override
  public int requestCount() {
    return delegate.requestCount();
  }

  /**
   * Retry settings.
   *
   * @param maxAttempts attempts in all, at least 1
   * @param initialBackoff the first backoff
   * @param maxBackoff the largest backoff
   * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails at once
   */
  record RetryPolicy(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {}
}

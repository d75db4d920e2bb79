package dev.phalanx.secrets.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry decorator; what is retried, and how long it waits, is the {@link RetryPolicy}. Logs
 * each retry at DEBUG with method, path and reason (never a header, query or body).
 */
public final class RetryingTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTransport.class);

  private final Transport delegate;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;

  /**
   * Wraps a transport.
   *
   * @param delegate the transport
   * @param policy when and how often to retry
   * @param sleeper how to wait, {@link Sleeper#THREAD} but in tests
   * @param clock the clock for {@code Retry-After} dates
   */
  public RetryingTransport(Transport delegate, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this.delegate = delegate;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public Response send(Request request) throws IOException {
    long start = System.nanoTime();
    long budget = policy.maxTotal().toNanos();
    String what = request.method() + " " + request.uri().getRawPath();
    for (int attempt = 1; ; attempt++) {
      Duration delay;
      String reason;
      Response response = null;
      IOException failure = null;
      try {
        response = delegate.send(request);
        if (!RetryPolicy.retryable(response.status()) || attempt >= policy.maxAttempts()) {
          return response;
        }
        reason = "HTTP " + response.status();
        delay = policy.backoff(attempt);
        Optional<Duration> retryAfter =
            response.header("Retry-After").flatMap(v -> RetryPolicy.retryAfter(v, clock));
        if (retryAfter.isPresent()) {
          if (retryAfter.get().compareTo(policy.retryAfterMax()) > 0) {
            LOG.debug(
                "{}: {} on attempt {}, not retried: Retry-After {} s is beyond the limit of {} s",
                what,
                reason,
                attempt,
                retryAfter.get().toSeconds(),
                policy.retryAfterMax().toSeconds());
            return response;
          }
          if (retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
          }
        }
      } catch (IOException e) {
        if (!RetryPolicy.retryable(e) || attempt >= policy.maxAttempts()) {
          throw e;
        }
        failure = e;
        delay = policy.backoff(attempt);
        reason = e.getClass().getSimpleName();
      }
      long elapsed = System.nanoTime() - start;
      if (elapsed + delay.toNanos() > budget) {
        LOG.debug(
            "{}: {} on attempt {}, not retried: the retry time limit of {} would be exceeded",
            what,
            reason,
            attempt,
            policy.maxTotal());
        if (failure != null) {
          throw failure;
        }
        return response;
      }
      LOG.debug(
          "{}: {} on attempt {} of {}, retrying in {} ms",
          what,
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

  /** How to wait; a seam so that tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    /** The real one. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
  }
}

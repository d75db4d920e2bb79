package dev.phalanx.secrets.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A backend's whole HTTP stack: retries ({@link RetryingTransport}) over the redirect rule ({@link
 * RedirectingTransport}) over {@code java.net.http} with timeouts ({@link JdkTransport}), counting
 * the requests actually sent. Thread-safe.
 */
public final class BackendHttp implements Transport, AutoCloseable {

  private final Transport stack;
  private final @Nullable AutoCloseable resource;
  private final AtomicInteger sent = new AtomicInteger();

  private BackendHttp(
      Transport raw,
      @Nullable AutoCloseable resource,
      RetryPolicy retry,
      RetryingTransport.Sleeper s) {
    this.resource = resource;
    Transport counting =
        request -> {
          sent.incrementAndGet();
          return raw.send(request);
        };
    this.stack =
        new RetryingTransport(new RedirectingTransport(counting), retry, s, Clock.systemUTC());
  }

  /**
   * The stack over {@code java.net.http}.
   *
   * @param settings timeouts and retries
   * @param sslContext the TLS set-up, or null for the JDK's default trust
   * @return the stack; close it to release the connections
   */
  public static BackendHttp open(HttpSettings settings, @Nullable SSLContext sslContext) {
    JdkTransport jdk =
        new JdkTransport(settings.connectTimeout(), settings.requestTimeout(), sslContext);
    return new BackendHttp(jdk, jdk, settings.retry(), RetryingTransport.Sleeper.THREAD);
  }

  /**
   * Loads what {@link #open} will use: the classes of the stack and of {@code java.net.http}, and
   * the JDK's default TLS context (about 0.15 s of a cold start, BENCHMARKS.md), for a provider's
   * {@code preload()}. Opens no connection; never throws.
   */
  public static void preload() {
    try {
      SSLContext.getDefault().getDefaultSSLParameters();
      HttpClient.newBuilder();
      RetryPolicy.class.getName();
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      // Only speed is at stake: open() reports any real problem when it runs.
    }
  }

  /**
   * The stack over another transport (a test double).
   *
   * @param raw the transport that sends each request once
   * @param retry when and how often to retry
   * @param sleeper how to wait
   * @return the stack
   */
  public static BackendHttp over(
      Transport raw, RetryPolicy retry, RetryingTransport.Sleeper sleeper) {
    return new BackendHttp(raw, null, retry, sleeper);
  }

  @Override
  public Response send(Request request) throws IOException {
    return stack.send(request);
  }

  /**
   * The requests sent so far: attempts and followed redirects, not calls.
   *
   * @return the count
   */
  public int requestCount() {
    return sent.get();
  }

  /** Releases the connections. */
  @Override
  public void close() {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        // Best effort: nothing is left that the caller could act on.
      }
    }
  }
}

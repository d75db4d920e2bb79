package dev.phalanx.secrets.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The one retry policy")
class RetryingTransportTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final List<Duration> waits = new ArrayList<>();

  private static RetryPolicy policy(int attempts) {
    return new RetryPolicy(
        attempts,
        Duration.ofMillis(100),
        Duration.ofMillis(400),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  private Transport retrying(Transport t, RetryPolicy p) {
    return new RetryingTransport(t, p, waits::add, CLOCK);
  }

  @ParameterizedTest(name = "HTTP {0} is retried")
  @ValueSource(ints = {412, 429, 500, 502, 503, 504})
  void retriedStatuses(int status) throws IOException {
    Scripted t = new Scripted().then(status).then(status).then(200);
    assertThat(retrying(t, policy(3)).send(Scripted.get("https://h/x")).status()).isEqualTo(200);
    assertThat(t.seen).hasSize(3);
    assertThat(waits).hasSize(2);
  }

  @ParameterizedTest(name = "HTTP {0} is not retried")
  @ValueSource(ints = {400, 401, 403, 404, 405, 501})
  void notRetriedStatuses(int status) throws IOException {
    Scripted t = new Scripted().then(status).then(200);
    assertThat(retrying(t, policy(5)).send(Scripted.get("https://h/x")).status()).isEqualTo(status);
    assertThat(t.seen).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  @DisplayName("attempts are capped: the last answer is returned")
  void attemptsCapped() throws IOException {
    Scripted t = new Scripted().then(502).then(502).then(502).then(502);
    assertThat(retrying(t, policy(3)).send(Scripted.get("https://h/x")).status()).isEqualTo(502);
    assertThat(t.seen).hasSize(3);
  }

  @Test
  @DisplayName("connection failures and connect timeouts are retried")
  void connectionFailuresRetried() throws IOException {
    Scripted t =
        new Scripted()
            .thenFail(new ConnectException("refused"))
            .thenFail(new HttpConnectTimeoutException("connect timed out"))
            .thenFail(new IOException("connection reset"))
            .then(200);
    assertThat(retrying(t, policy(4)).send(Scripted.get("https://h/x")).status()).isEqualTo(200);
    assertThat(t.seen).hasSize(4);
  }

  @Test
  @DisplayName("TLS failures are never retried (the TLS-retrying copy of old is gone)")
  void tlsNotRetried() {
    Scripted t = new Scripted().thenFail(new SSLHandshakeException("PKIX path building failed"));
    assertThatThrownBy(() -> retrying(t, policy(4)).send(Scripted.get("https://h/x")))
        .isInstanceOf(SSLHandshakeException.class);
    IOException wrapped = new IOException("handshake", new SSLHandshakeException("bad cert"));
    Scripted t2 = new Scripted().thenFail(wrapped);
    assertThatThrownBy(() -> retrying(t2, policy(4)).send(Scripted.get("https://h/x")))
        .isSameAs(wrapped);
    assertThat(t.seen).hasSize(1);
    assertThat(t2.seen).hasSize(1);
    assertThat(HttpFailure.of(wrapped)).isEqualTo(HttpFailure.TLS);
  }

  @Test
  @DisplayName("request timeouts and refused redirects are not retried")
  void timeoutsNotRetried() {
    Scripted t = new Scripted().thenFail(new HttpTimeoutException("request timed out"));
    assertThatThrownBy(() -> retrying(t, policy(4)).send(Scripted.get("https://h/x")))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(t.seen).hasSize(1);
    Scripted r = new Scripted().thenFail(new RedirectRefusedException("no"));
    assertThatThrownBy(() -> retrying(r, policy(4)).send(Scripted.get("https://h/x")))
        .isInstanceOf(RedirectRefusedException.class);
    assertThat(r.seen).hasSize(1);
  }

  @Test
  @DisplayName("Retry-After in seconds is waited for when longer than the backoff")
  void retryAfterSeconds() throws IOException {
    Scripted t = new Scripted().then(429, "Retry-After", "7").then(200);
    retrying(t, policy(3)).send(Scripted.get("https://h/x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  @DisplayName("Retry-After as an HTTP date is waited for (the date-ignoring copy of old is gone)")
  void retryAfterDate() throws IOException {
    Scripted t = new Scripted().then(503, "Retry-After", "Wed, 21 Oct 2015 07:28:05 GMT").then(200);
    retrying(t, policy(3)).send(Scripted.get("https://h/x"));
    assertThat(waits).containsExactly(Duration.ofSeconds(5));
    assertThat(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:27:00 GMT", CLOCK))
        .contains(Duration.ZERO);
    assertThat(RetryPolicy.retryAfter("3", CLOCK)).contains(Duration.ofSeconds(3));
    assertThat(RetryPolicy.retryAfter("later", CLOCK)).isEmpty();
    assertThat(RetryPolicy.retryAfter("-1", CLOCK)).isEmpty();
  }

  @Test
  @DisplayName("a Retry-After beyond retry-after-max is not waited for")
  void retryAfterCapped() throws IOException {
    Scripted t = new Scripted().then(429, "Retry-After", "31").then(200);
    assertThat(retrying(t, policy(3)).send(Scripted.get("https://h/x")).status()).isEqualTo(429);
    assertThat(t.seen).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  @DisplayName("no retry starts whose wait would pass the total time limit")
  void totalCapped() throws IOException {
    RetryPolicy p =
        new RetryPolicy(
            5,
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30));
    Scripted t = new Scripted().then(429, "Retry-After", "3").then(200);
    assertThat(retrying(t, p).send(Scripted.get("https://h/x")).status()).isEqualTo(429);
    assertThat(t.seen).hasSize(1);
    Scripted f = new Scripted().thenFail(new ConnectException("refused"));
    RetryPolicy none =
        new RetryPolicy(
            5, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);
    assertThatThrownBy(() -> retrying(f, none).send(Scripted.get("https://h/x")))
        .isInstanceOf(ConnectException.class);
    assertThat(f.seen).hasSize(1);
  }

  @Test
  @DisplayName("backoff grows exponentially with jitter, within the cap")
  void backoff() {
    RetryPolicy p =
        new RetryPolicy(
            5,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            Duration.ofSeconds(10),
            Duration.ZERO);
    for (int i = 0; i < 50; i++) {
      assertThat(p.backoff(1).toMillis()).isBetween(50L, 100L);
      assertThat(p.backoff(2).toMillis()).isBetween(100L, 200L);
      assertThat(p.backoff(4).toMillis()).isBetween(150L, 300L);
    }
  }

  @Test
  @DisplayName("a refused redirect under the retries is tried once")
  void refusedRedirectNotRetried() {
    Scripted t = new Scripted().then(307, "Location", "http://h/x");
    Transport stack = retrying(new RedirectingTransport(t), policy(3));
    assertThatThrownBy(() -> stack.send(Scripted.get("https://h/x")))
        .isInstanceOf(RedirectRefusedException.class);
    assertThat(t.seen).hasSize(1);
  }
}

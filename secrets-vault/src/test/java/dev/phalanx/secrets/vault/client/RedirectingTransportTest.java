package dev.phalanx.secrets.vault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redirect rules")
class RedirectingTransportTest {

  private static final class Scripted implements Transport {
    final List<URI> seen = new ArrayList<>();
    final Map<String, String> locations;

    Scripted(Map<String, String> locations) {
      this.locations = locations;
    }

    @Override
    public RawResponse send(RawRequest request) {
      seen.add(request.uri());
      String location = locations.get(request.uri().toString());
      if (location == null) {
        return new RawResponse(200, Map.of(), new byte[0]);
      }
      return new RawResponse(307, Map.of("location", List.of(location)), new byte[0]);
    }
  }

  private static RawRequest get(String uri) {
    return new RawRequest("GET", URI.create(uri), Map.of("X-Vault-Token", "t"), new byte[0]);
  }

  @Test
  @DisplayName("https to http is refused")
  void httpsToHttpRefused() {
    Scripted t = new Scripted(Map.of("https://vault.example/v1/a", "http://evil.example/v1/a"));
    assertThatThrownBy(() -> new RedirectingTransport(t).send(get("https://vault.example/v1/a")))
        .isInstanceOf(RedirectingTransport.RedirectRefusedException.class)
        .hasMessageContaining("from https to http");
    assertThat(t.seen).hasSize(1);
  }

  @Test
  @DisplayName("https to https is followed once, relative locations resolved")
  void followedOnce() throws Exception {
    Scripted t = new Scripted(Map.of("https://vault.example/v1/a", "/v1/b"));
    RawResponse r = new RedirectingTransport(t).send(get("https://vault.example/v1/a"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(t.seen)
        .extracting(URI::toString)
        .containsExactly("https://vault.example/v1/a", "https://vault.example/v1/b");
  }

  @Test
  @DisplayName("a second redirect is refused")
  void secondRefused() {
    Scripted t =
        new Scripted(
            Map.of(
                "https://vault.example/v1/a", "https://vault.example/v1/b",
                "https://vault.example/v1/b", "https://vault.example/v1/c"));
    assertThatThrownBy(() -> new RedirectingTransport(t).send(get("https://vault.example/v1/a")))
        .hasMessageContaining("more than one redirect");
    assertThat(t.seen).hasSize(2);
  }

  @Test
  @DisplayName("a refused redirect is not retried and has a clear message")
  void refusedNotRetried() {
    Scripted t = new Scripted(Map.of("https://vault.example/v1/a", "http://vault.example/v1/a"));
    RetryingTransport retrying =
        new RetryingTransport(
            new RedirectingTransport(t), VaultClientOptions.Retry.DEFAULTS, d -> {});
    assertThatThrownBy(() -> retrying.send(get("https://vault.example/v1/a")))
        .isInstanceOf(RedirectingTransport.RedirectRefusedException.class);
    assertThat(t.seen).hasSize(1);
    VaultException e =
        new ErrorTranslator(VaultClientOptions.of(URI.create("https://vault.example")))
            .fromFailure(
                "GET",
                "a",
                new RedirectingTransport.RedirectRefusedException(
                    "redirect from https to http refused"));
    assertThat(e.getMessage()).contains("https://vault.example").contains("from https to http");
  }

  @Test
  @DisplayName("backoff grows exponentially with jitter, within the cap")
  void backoff() {
    VaultClientOptions.Retry policy =
        new VaultClientOptions.Retry(
            5,
            java.time.Duration.ofMillis(100),
            java.time.Duration.ofMillis(300),
            java.time.Duration.ofSeconds(10));
    RetryingTransport r = new RetryingTransport(t -> null, policy, d -> {});
    for (int i = 0; i < 50; i++) {
      assertThat(r.backoff(1).toMillis()).isBetween(50L, 100L);
      assertThat(r.backoff(2).toMillis()).isBetween(100L, 200L);
      assertThat(r.backoff(4).toMillis()).isBetween(150L, 300L);
    }
  }
}

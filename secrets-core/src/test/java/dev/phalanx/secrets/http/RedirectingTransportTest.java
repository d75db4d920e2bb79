package dev.phalanx.secrets.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The one redirect rule")
class RedirectingTransportTest {

  @Test
  @DisplayName("https to http is refused")
  void httpsToHttpRefused() {
    Scripted t = new Scripted().then(307, "Location", "http://evil.example/v1/a");
    assertThatThrownBy(
            () -> new RedirectingTransport(t).send(Scripted.get("https://vault.example/v1/a")))
        .isInstanceOf(RedirectRefusedException.class)
        .hasMessageContaining("from https to http");
    assertThat(t.seen).hasSize(1);
    assertThat(HttpFailure.of(new RedirectRefusedException("x")))
        .isEqualTo(HttpFailure.REDIRECT_REFUSED);
  }

  @Test
  @DisplayName("https to https is followed once, relative locations resolved")
  void followedOnce() throws Exception {
    Scripted t = new Scripted().then(307, "Location", "/v1/b").then(200);
    Response r = new RedirectingTransport(t).send(Scripted.get("https://vault.example/v1/a"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(t.seen)
        .extracting(URI::toString)
        .containsExactly("https://vault.example/v1/a", "https://vault.example/v1/b");
  }

  @Test
  @DisplayName("a second redirect is refused")
  void secondRefused() {
    Scripted t =
        new Scripted()
            .then(307, "Location", "https://vault.example/v1/b")
            .then(307, "Location", "https://vault.example/v1/c");
    assertThatThrownBy(
            () -> new RedirectingTransport(t).send(Scripted.get("https://vault.example/v1/a")))
        .isInstanceOf(RedirectRefusedException.class)
        .hasMessageContaining("more than one redirect");
    assertThat(t.seen).hasSize(2);
  }

  @Test
  @DisplayName("a redirect without Location, or to another scheme, is refused")
  void malformed() {
    assertThatThrownBy(
            () ->
                new RedirectingTransport(new Scripted().then(302)).send(Scripted.get("http://h/a")))
        .hasMessageContaining("without a Location header");
    assertThatThrownBy(
            () ->
                new RedirectingTransport(new Scripted().then(302, "Location", "ftp://h/a"))
                    .send(Scripted.get("http://h/a")))
        .hasMessageContaining("unsupported scheme ftp");
  }

  @Test
  @DisplayName("messages name only scheme, host and port")
  void origin() {
    assertThat(RedirectingTransport.origin(URI.create("https://u@h.example:8200/p?token=x")))
        .isEqualTo("https://h.example:8200");
  }
}

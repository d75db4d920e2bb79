package dev.phalanx.secrets.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The whole stack over java.net.http (WireMock)")
class BackendHttpTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final HttpSettings FAST =
      new HttpSettings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          new RetryPolicy(
              3,
              Duration.ofMillis(1),
              Duration.ofMillis(4),
              Duration.ofSeconds(10),
              Duration.ofSeconds(5)));

  private static Request request(String path) {
    return Request.get(URI.create(wm.baseUrl() + path), Map.of("Authorization", "Bearer t"));
  }

  @ParameterizedTest(name = "fault {0} is retried")
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void faults(Fault fault) throws IOException {
    wm.stubFor(
        get("/x")
            .inScenario("f")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(fault))
            .willSetStateTo("ok"));
    wm.stubFor(get("/x").inScenario("f").whenScenarioStateIs("ok").willReturn(ok("fine")));
    try (BackendHttp http = BackendHttp.open(FAST, null)) {
      Response r = http.send(request("/x"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("fine");
    }
    // Two in all: for some faults java.net.http itself re-sends an idempotent GET once, and then
    // the retry layer does not need to.
    wm.verify(2, getRequestedFor(urlEqualTo("/x")));
  }

  @Test
  @DisplayName("every request has a timeout; a slow answer is not retried")
  void requestTimeout() {
    wm.stubFor(get("/slow").willReturn(ok().withFixedDelay(1500)));
    HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(200), FAST.retry());
    try (BackendHttp http = BackendHttp.open(s, null)) {
      assertThatThrownBy(() -> http.send(request("/slow")))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(http.requestCount()).isEqualTo(1);
    }
    wm.verify(1, getRequestedFor(urlEqualTo("/slow")));
  }

  @Test
  @DisplayName("one redirect is followed with the same headers; a second is refused")
  void redirects() throws IOException {
    wm.stubFor(get("/a").willReturn(aResponse().withStatus(307).withHeader("Location", "/b")));
    wm.stubFor(get("/b").willReturn(ok()));
    wm.stubFor(get("/c").willReturn(aResponse().withStatus(307).withHeader("Location", "/d")));
    wm.stubFor(get("/d").willReturn(aResponse().withStatus(307).withHeader("Location", "/e")));
    try (BackendHttp http = BackendHttp.open(FAST, null)) {
      assertThat(http.send(request("/a")).status()).isEqualTo(200);
      assertThatThrownBy(() -> http.send(request("/c")))
          .hasMessageContaining("more than one redirect");
      assertThat(http.requestCount()).isEqualTo(4);
    }
    wm.verify(
        1, getRequestedFor(urlEqualTo("/b")).withHeader("Authorization", equalTo("Bearer t")));
    wm.verify(0, getRequestedFor(urlEqualTo("/e")));
  }

  @Test
  @DisplayName("a refused connection is retried up to the cap")
  void refused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (BackendHttp http = BackendHttp.open(FAST, null)) {
      Request r = Request.get(URI.create("http://127.0.0.1:" + port + "/x"), Map.of());
      assertThatThrownBy(() -> http.send(r))
          .isInstanceOfSatisfying(
              IOException.class,
              e -> assertThat(HttpFailure.of(e)).isEqualTo(HttpFailure.CONNECTION_REFUSED));
      assertThat(http.requestCount()).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("requests and responses print no header or body")
  void noSecretsInToString() {
    Request r =
        Request.of(
            "POST",
            URI.create("https://h/v1/x"),
            Map.of("X-Vault-Token", "s3cret-token"),
            "s3cret-body".getBytes(StandardCharsets.UTF_8));
    assertThat(r.toString()).isEqualTo("POST https://h/v1/x");
    Response resp = new Response(500, Map.of(), "s3cret-body".getBytes(StandardCharsets.UTF_8));
    assertThat(resp.toString()).doesNotContain("s3cret");
  }
}

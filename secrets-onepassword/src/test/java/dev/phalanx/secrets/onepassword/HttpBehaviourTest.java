package dev.phalanx.secrets.onepassword;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.phalanx.secrets.onepassword.Requests.environment;
import static dev.phalanx.secrets.onepassword.Requests.request;
import static dev.phalanx.secrets.onepassword.Requests.requests;
import static dev.phalanx.secrets.onepassword.Requests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Talking to Connect over HTTP")
class HttpBehaviourTest {

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  private FakeConnect.Item item;

  private StaticSecretsRequest populate() {
    FakeConnect.Vault v = connect.vault("idfdev");
    item = v.item("app").field("key", "value");
    connect.install();
    return request(environment("idfdev", "x.example", connect.url(), "idfdev"), false, "app key");
  }

  @Test
  @DisplayName("sends the token as a Bearer token on every request")
  void bearer() {
    StaticSecretsRequest req = populate();
    try (SecretSource source = source()) {
      source.fetch(req);
    }
    assertThat(connect.server().getAllServeEvents())
        .hasSize(3)
        .allSatisfy(
            e ->
                assertThat(e.getRequest().getHeader("Authorization"))
                    .isEqualTo("Bearer " + FakeConnect.TOKEN));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 403, 404, 400, 501})
  @DisplayName("is not retried and names status and path")
  void notRetried(int status) {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo(item.path())).willReturn(FakeConnect.error(status, "nope " + status)));
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(
              "answered GET " + item.path() + " with HTTP " + status + " (nope " + status + ")");
      assertThat(connect.count(item.path())).isEqualTo(1);
      assertThat(requests(source)).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("a refused token says to check OP_CONNECT_TOKEN")
  void unauthorized() {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo("/v1/vaults"))
            .willReturn(FakeConnect.error(401, "Invalid token signature")));
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req))
          .hasMessageContaining(
              "HTTP 401 (Invalid token signature); the Connect token was refused: check OP_CONNECT_TOKEN");
      assertThat(requests(source)).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504, 429})
  @DisplayName("is retried, then succeeds")
  void retried(int status) {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(FakeConnect.error(status, "busy"))
            .willSetStateTo("second"));
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("flaky")
            .whenScenarioStateIs("second")
            .willReturn(FakeConnect.error(status, "still busy"))
            .willSetStateTo("ok"));
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("flaky")
            .whenScenarioStateIs("ok")
            .willReturn(FakeConnect.json(200, item.full())));
    try (SecretSource source = source()) {
      assertThat(source.fetch(req).value(SecretRef.of("app", "key"))).isPresent();
      assertThat(connect.count(item.path())).isEqualTo(3);
      assertThat(requests(source)).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("gives up after the capped number of attempts")
  void exhausted() {
    StaticSecretsRequest req = populate();
    connect.stub(get(urlPathEqualTo(item.path())).willReturn(FakeConnect.error(503, "down")));
    try (SecretSource source = source("retry-max-attempts", "3")) {
      assertThatThrownBy(() -> source.fetch(req))
          .hasMessageContaining("with HTTP 503 (down); server error");
      assertThat(connect.count(item.path())).isEqualTo(3);
    }
  }

  @Test
  @DisplayName("429 honours Retry-After")
  void retryAfter() {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("limited")
            .whenScenarioStateIs(STARTED)
            .willReturn(FakeConnect.error(429, "slow down").withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("limited")
            .whenScenarioStateIs("ok")
            .willReturn(FakeConnect.json(200, item.full())));
    try (SecretSource source = source()) {
      long start = System.nanoTime();
      assertThat(source.fetch(req).values()).hasSize(1);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(connect.count(item.path())).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a Retry-After beyond retry-after-max fails at once")
  void retryAfterTooLong() {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .willReturn(
                FakeConnect.error(429, "come back tomorrow").withHeader("Retry-After", "86400")));
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req)).hasMessageContaining("HTTP 429");
      assertThat(connect.count(item.path())).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a slow server times out with a clear error, not retried")
  void slow() {
    StaticSecretsRequest req = populate();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .willReturn(FakeConnect.json(200, item.full()).withFixedDelay(3000)));
    try (SecretSource source = source("request-timeout", "300ms")) {
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(
              "did not answer GET " + item.path() + " within 300 ms (option request-timeout)");
      assertThat(connect.count(item.path())).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("a server that is not there is a clear error after the retries")
  void unreachable() {
    StaticSecretsRequest req =
        request(environment("idfdev", "x", "http://127.0.0.1:9", "idfdev"), false, "app key");
    connect.skipContractCheck();
    try (SecretSource source = source("retry-max-attempts", "2")) {
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(
              "1Password Connect at http://127.0.0.1:9 could not be reached (GET /v1/vaults)");
      assertThat(requests(source)).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("a body that is not JSON is a clear error that does not quote it")
  void notJson() {
    StaticSecretsRequest req = populate();
    connect.skipContractCheck();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .willReturn(FakeConnect.json(200, "{\"value\": \"leak-me")));
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req))
          .hasMessageContaining(
              "sent an unexpected answer to GET " + item.path() + ": the body is not JSON")
          .hasMessageNotContaining("leak-me")
          .hasNoCause();
    }
  }

  @Test
  @DisplayName("an environment without a Connect URL is a clear error unless connect-url is given")
  void noUrl() {
    populate();
    StaticSecretsRequest req =
        request(
            new EnvironmentSettings("minikube", "", "", "", null, new TreeMap<>(), Map.of()),
            false,
            "app key");
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req))
          .hasMessageContaining("environment minikube sets no onepassword.connectUrl");
    }
    try (SecretSource source = source("connect-url", connect.url(), "vault-title", "idfdev")) {
      assertThat(source.fetch(req).values()).hasSize(1);
    }
  }

  @Test
  @DisplayName("uses the shared seam: 412 is retried (as for Vault)")
  void preconditionRetried() {
    StaticSecretsRequest req = populate();
    connect.skipContractCheck();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("standby")
            .whenScenarioStateIs(STARTED)
            .willReturn(FakeConnect.error(412, "not yet"))
            .willSetStateTo("ok"));
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .inScenario("standby")
            .whenScenarioStateIs("ok")
            .willReturn(FakeConnect.json(200, item.full())));
    try (SecretSource source = source()) {
      assertThat(source.fetch(req).values()).hasSize(1);
      assertThat(connect.count(item.path())).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("uses the shared seam: one redirect is followed with the token, a second refused")
  void redirects() {
    StaticSecretsRequest req = populate();
    connect.skipContractCheck();
    connect.stub(
        get(urlPathEqualTo(item.path()))
            .willReturn(WireMock.aResponse().withStatus(307).withHeader("Location", "/moved")));
    connect.stub(get(urlPathEqualTo("/moved")).willReturn(FakeConnect.json(200, item.full())));
    try (SecretSource source = source()) {
      assertThat(source.fetch(req).values()).hasSize(1);
    }
    assertThat(connect.server().findAll(WireMock.getRequestedFor(urlPathEqualTo("/moved"))))
        .singleElement()
        .satisfies(
            r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + FakeConnect.TOKEN));
    connect.stub(
        get(urlPathEqualTo("/moved"))
            .willReturn(WireMock.aResponse().withStatus(307).withHeader("Location", "/again")));
    try (SecretSource source = source()) {
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("more than one redirect");
    }
    assertThat(connect.count("/again")).isZero();
  }
}

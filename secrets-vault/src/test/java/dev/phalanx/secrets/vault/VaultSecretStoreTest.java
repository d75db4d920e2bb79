package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.phalanx.secrets.vault.TestStores.data;
import static dev.phalanx.secrets.vault.WireMockStores.TOKEN;
import static dev.phalanx.secrets.vault.WireMockStores.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("VaultSecretStore over HTTP (WireMock)")
class VaultSecretStoreTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String DATA = "/v1/secret/data/phalanx/dev/app";
  private static final String OK_BODY =
      "{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":4,\"deletion_time\":\"\","
          + "\"destroyed\":false}}}";

  private static void failThenSucceed(int failures, ResponseDefinitionBuilder failure) {
    String state = Scenario.STARTED;
    for (int i = 1; i <= failures; i++) {
      String next = "after-" + i;
      wm.stubFor(
          get(DATA)
              .inScenario("retry")
              .whenScenarioStateIs(state)
              .willReturn(failure)
              .willSetStateTo(next));
      state = next;
    }
    wm.stubFor(
        get(DATA).inScenario("retry").whenScenarioStateIs(state).willReturn(okJson(OK_BODY)));
  }

  @Nested
  @DisplayName("retries")
  class Retries {

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {412, 429, 500, 502, 503, 504})
    void retryableStatus(int status) {
      failThenSucceed(2, aResponse().withStatus(status).withBody("{\"errors\":[\"try again\"]}"));
      try (VaultSecretStore store = store(wm)) {
        StoredApplication app = store.read("app").orElseThrow();
        assertThat(app.version()).isEqualTo(4);
        assertThat(app.data()).isEqualTo(data("k", "v"));
      }
      wm.verify(3, getRequestedFor(urlEqualTo(DATA)));
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
    void faults(Fault fault) {
      failThenSucceed(1, aResponse().withFault(fault));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.read("app")).isPresent();
      }
      wm.verify(2, getRequestedFor(urlEqualTo(DATA)));
    }

    @ParameterizedTest(name = "HTTP {0} is not retried")
    @ValueSource(ints = {400, 403, 405, 501})
    void notRetried(int status) {
      wm.stubFor(
          get(DATA).willReturn(aResponse().withStatus(status).withBody("{\"errors\":[\"no\"]}")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(() -> store.read("app"))
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("GET secret/data/phalanx/dev/app")
            .hasMessageContaining(Integer.toString(status))
            .satisfies(e -> assertThat(((VaultException) e).status()).isEqualTo(status));
      }
      wm.verify(1, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("HTTP 404 is absent, not retried")
    void notFound() {
      wm.stubFor(get(DATA).willReturn(aResponse().withStatus(404).withBody("{\"errors\":[]}")));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.read("app")).isEmpty();
      }
      wm.verify(1, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("attempts are capped (3 by default, configurable)")
    void attemptsCapped() {
      wm.stubFor(get(DATA).willReturn(aResponse().withStatus(502)));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(() -> store.read("app")).hasMessageContaining("HTTP 502");
      }
      wm.verify(3, getRequestedFor(urlEqualTo(DATA)));
      wm.resetRequests();
      try (VaultSecretStore store = store(wm, Map.of("retry-attempts", "5"))) {
        assertThatThrownBy(() -> store.read("app")).isInstanceOf(VaultException.class);
      }
      wm.verify(5, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("Retry-After (seconds) is honoured")
    void retryAfterHonoured() {
      failThenSucceed(1, aResponse().withStatus(429).withHeader("Retry-After", "1"));
      long start = System.nanoTime();
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.read("app")).isPresent();
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
      wm.verify(2, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("a Retry-After beyond the total retry time is not waited for")
    void retryAfterBeyondBudget() {
      wm.stubFor(
          get(DATA).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(() -> store.read("app")).hasMessageContaining("HTTP 429");
      }
      wm.verify(1, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("a sealed server gets a clear message")
    void sealed() {
      wm.stubFor(
          get(DATA)
              .willReturn(
                  aResponse().withStatus(503).withBody("{\"errors\":[\"Vault is sealed\"]}")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(() -> store.read("app"))
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("is sealed")
            .hasMessageContaining("unseal");
      }
      wm.verify(3, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("a response slower than the request timeout gives a clear error, not retried")
    void timeout() {
      wm.stubFor(get(DATA).willReturn(okJson(OK_BODY).withFixedDelay(1500)));
      try (VaultSecretStore store = store(wm, Map.of("request-timeout", "200ms"))) {
        assertThatThrownBy(() -> store.read("app"))
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("did not answer GET secret/data/phalanx/dev/app")
            .hasMessageContaining("request timeout of 200 ms");
      }
      wm.verify(1, getRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName("a refused connection is retried, then reported clearly")
    void connectionRefused() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      try (VaultSecretStore store = store(wm, Map.of("vault-url", "http://127.0.0.1:" + port))) {
        assertThatThrownBy(() -> store.read("app"))
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("could not connect to Vault at http://127.0.0.1:" + port);
      }
    }
  }

  @Nested
  @DisplayName("redirects")
  class Redirects {

    @Test
    @DisplayName("one redirect is followed")
    void oneFollowed() {
      wm.stubFor(
          get(DATA).willReturn(aResponse().withStatus(307).withHeader("Location", "/v1/other")));
      wm.stubFor(get("/v1/other").willReturn(okJson(OK_BODY)));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.read("app")).isPresent();
      }
      wm.verify(
          1, getRequestedFor(urlEqualTo("/v1/other")).withHeader("X-Vault-Token", equalTo(TOKEN)));
    }

    @Test
    @DisplayName("a second redirect is refused")
    void secondRefused() {
      wm.stubFor(get(DATA).willReturn(aResponse().withStatus(307).withHeader("Location", "/v1/b")));
      wm.stubFor(
          get("/v1/b").willReturn(aResponse().withStatus(307).withHeader("Location", "/v1/c")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(() -> store.read("app"))
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("more than one redirect");
      }
      wm.verify(1, getRequestedFor(urlEqualTo(DATA)));
      wm.verify(0, getRequestedFor(urlEqualTo("/v1/c")));
    }
  }

  @Nested
  @DisplayName("request shape")
  class Shape {

    @Test
    @DisplayName("a create-only write sends cas 0, the data and the headers")
    void createOnly() {
      wm.stubFor(post(DATA).willReturn(okJson("{\"data\":{\"version\":1}}")));
      try (VaultSecretStore store = store(wm, Map.of("namespace", "team/a"))) {
        assertThat(store.write("app", data("k", "v", "a", "b"), new WriteCondition.CreateOnly()))
            .isEqualTo(1);
      }
      wm.verify(
          postRequestedFor(urlEqualTo(DATA))
              .withHeader("X-Vault-Token", equalTo(TOKEN))
              .withHeader("X-Vault-Request", equalTo("true"))
              .withHeader("X-Vault-Namespace", equalTo("team/a"))
              .withHeader("Content-Type", equalTo("application/json"))
              .withRequestBody(
                  equalToJson("{\"options\":{\"cas\":0},\"data\":{\"a\":\"b\",\"k\":\"v\"}}")));
    }

    @Test
    @DisplayName("a versioned write sends cas N; no namespace header unless configured")
    void ifVersion() {
      wm.stubFor(post(DATA).willReturn(okJson("{\"data\":{\"version\":6}}")));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.write("app", data("k", "v"), new WriteCondition.IfVersion(5)))
            .isEqualTo(6);
      }
      wm.verify(
          postRequestedFor(urlEqualTo(DATA))
              .withoutHeader("X-Vault-Namespace")
              .withRequestBody(equalToJson("{\"options\":{\"cas\":5},\"data\":{\"k\":\"v\"}}")));
    }

    @Test
    @DisplayName("a CAS mismatch is a CheckAndSetException, not retried")
    void casMismatch() {
      wm.stubFor(
          post(DATA)
              .willReturn(
                  aResponse()
                      .withStatus(400)
                      .withBody(
                          "{\"errors\":[\"check-and-set parameter did not match the current"
                              + " version\"]}")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(
                () -> store.write("app", data("k", "v"), new WriteCondition.IfVersion(2)))
            .isInstanceOf(CheckAndSetException.class)
            .hasMessageContaining("expected version 2");
      }
      wm.verify(1, postRequestedFor(urlEqualTo(DATA)));
    }

    @Test
    @DisplayName(
        "a refused check-and-set whose expected version is the current one is not called"
            + " a conflict")
    void casRefusalThatIsNoConflict() {
      wm.stubFor(
          post(DATA)
              .willReturn(
                  aResponse()
                      .withStatus(400)
                      .withBody(
                          "{\"errors\":[\"check-and-set parameter did not match the current"
                              + " version\"]}")));
      wm.stubFor(
          get(DATA)
              .willReturn(
                  okJson("{\"data\":{\"data\":{\"k\":\"old\"},\"metadata\":{\"version\":2}}}")));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(
                () -> store.write("app", data("k", "v"), new WriteCondition.IfVersion(2)))
            .isNotInstanceOf(CheckAndSetException.class)
            .hasMessageContaining("not a concurrent change")
            .hasMessageNotContaining("old");
      }
    }

    @Test
    @DisplayName("list uses GET ?list=true, ignores folders and drops deleted entries")
    void list() {
      wm.stubFor(
          get("/v1/secret/metadata/phalanx/dev?list=true")
              .willReturn(okJson("{\"data\":{\"keys\":[\"a\",\"b\",\"folder/\"]}}")));
      wm.stubFor(
          get("/v1/secret/metadata/phalanx/dev/a")
              .willReturn(
                  okJson(
                      "{\"data\":{\"current_version\":2,\"versions\":{\"2\":{\"deletion_time\":\"\","
                          + "\"destroyed\":false}}}}")));
      wm.stubFor(
          get("/v1/secret/metadata/phalanx/dev/b")
              .willReturn(
                  okJson(
                      "{\"data\":{\"current_version\":1,\"versions\":{\"1\":{\"deletion_time\":"
                          + "\"2020-01-01T00:00:00Z\",\"destroyed\":false}}}}")));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.listApplications()).containsExactly("a");
      }
      wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/secret/metadata/phalanx/dev/folder")));
    }

    @Test
    @DisplayName("a 403 on list is empty with a warning from sys/capabilities-self")
    void forbiddenList() {
      wm.stubFor(
          get("/v1/secret/metadata/phalanx/dev?list=true")
              .willReturn(
                  aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));
      wm.stubFor(
          post("/v1/sys/capabilities-self")
              .willReturn(
                  okJson(
                      "{\"data\":{\"capabilities\":[\"deny\"],\"secret/metadata/phalanx/dev\":[\"deny\"]}}")));
      try (VaultSecretStore store = store(wm)) {
        assertThat(store.listApplications()).isEmpty();
        assertThat(store.warnings())
            .singleElement()
            .asString()
            .contains("cannot list")
            .contains("[deny]");
      }
      wm.verify(
          postRequestedFor(urlEqualTo("/v1/sys/capabilities-self"))
              .withRequestBody(equalToJson("{\"paths\":[\"secret/metadata/phalanx/dev\"]}")));
    }

    @Test
    @DisplayName("a 403 on list with an invalid token is thrown")
    void invalidTokenList() {
      wm.stubFor(
          get("/v1/secret/metadata/phalanx/dev?list=true")
              .willReturn(
                  aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));
      wm.stubFor(post("/v1/sys/capabilities-self").willReturn(aResponse().withStatus(403)));
      try (VaultSecretStore store = store(wm)) {
        assertThatThrownBy(store::listApplications)
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("denied LIST secret/metadata/phalanx/dev");
      }
    }

    @Test
    @DisplayName("delete soft-deletes the latest version (DELETE data/...), as Phalanx")
    void deleteAll() {
      wm.stubFor(delete("/v1/secret/data/phalanx/dev/app").willReturn(aResponse().withStatus(204)));
      try (VaultSecretStore store = store(wm)) {
        store.delete("app");
      }
      // Phalanx's delete: the latest version is soft-deleted, the metadata and history stay.
      wm.verify(1, deleteRequestedFor(urlEqualTo("/v1/secret/data/phalanx/dev/app")));
      wm.verify(0, deleteRequestedFor(urlEqualTo("/v1/secret/metadata/phalanx/dev/app")));
    }

    @Test
    @DisplayName("a soft-deleted answer (404 with metadata) keeps the version")
    void softDeleted() {
      wm.stubFor(
          get(DATA)
              .willReturn(
                  aResponse()
                      .withStatus(404)
                      .withBody(
                          "{\"data\":{\"data\":null,\"metadata\":{\"version\":3,\"deletion_time\":"
                              + "\"2024-01-01T00:00:00Z\",\"destroyed\":false}}}")));
      try (VaultSecretStore store = store(wm)) {
        StoredApplication app = store.read("app").orElseThrow();
        assertThat(app.state()).isEqualTo(StoredApplication.State.DELETED);
        assertThat(app.version()).isEqualTo(3);
      }
    }

    @Test
    @DisplayName("application names with '/' or '..' are refused before any request")
    void badNames() {
      try (VaultSecretStore store = store(wm)) {
        for (String bad : List.of("a/b", "..", ".", "", "a b")) {
          assertThatThrownBy(() -> store.read(bad)).isInstanceOf(IllegalArgumentException.class);
        }
      }
      assertThat(wm.getAllServeEvents()).isEmpty();
    }
  }
}

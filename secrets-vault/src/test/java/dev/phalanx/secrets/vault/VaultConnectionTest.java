package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generic requests of {@link VaultConnection} that the credential administration uses. */
@DisplayName("VaultConnection: read, list, write and put of a Vault API path")
class VaultConnectionTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SECRET = "CANARY-secret-id-0123";

  private VaultConnection connection() {
    return WireMockStores.connection(wm);
  }

  @Test
  @DisplayName("read: GET with the token, the reply read by path; 404 is empty")
  void read() {
    wm.stubFor(
        get(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/read"))
            .willReturn(okJson("{\"data\":{\"policy\":\"path {}\",\"ttl\":30,\"on\":true}}")));
    wm.stubFor(
        get(urlEqualTo("/v1/sys/policies/acl/none"))
            .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[]}")));
    try (VaultConnection vault = connection()) {
      VaultReply reply = vault.read("sys/policies/acl/phalanx/dev/read").orElseThrow();
      assertThat(reply.text("data", "policy")).isEqualTo("path {}");
      assertThat(reply.integer("data", "ttl")).contains(30L);
      assertThat(reply.flag("data", "on")).isTrue();
      assertThat(reply.text("data", "missing")).isEmpty();
      assertThat(reply.strings("data", "missing")).isEmpty();
      assertThat(vault.read("sys/policies/acl/none")).isEmpty();
    }
    wm.verify(
        getRequestedFor(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/read"))
            .withHeader("X-Vault-Token", equalTo(WireMockStores.TOKEN))
            .withHeader("X-Vault-Request", equalTo("true")));
  }

  @Test
  @DisplayName("list: GET ?list=true gives data.keys; 404 is an empty list")
  void list() {
    wm.stubFor(
        get(urlEqualTo("/v1/auth/token/accessors?list=true"))
            .willReturn(okJson("{\"data\":{\"keys\":[\"a1\",\"a2\"]}}")));
    wm.stubFor(
        get(urlEqualTo("/v1/auth/approle/role/dev/secret-id?list=true"))
            .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[]}")));
    try (VaultConnection vault = connection()) {
      assertThat(vault.list("auth/token/accessors")).containsExactly("a1", "a2");
      assertThat(vault.list("auth/approle/role/dev/secret-id")).isEmpty();
    }
  }

  @Test
  @DisplayName("write: POST with a JSON body; 204 is an empty reply, 404 is empty")
  void write() {
    wm.stubFor(
        post(urlEqualTo("/v1/auth/approle/role/dev/secret-id"))
            .willReturn(okJson("{\"data\":{\"secret_id\":\"" + SECRET + "\"}}")));
    wm.stubFor(
        post(urlEqualTo("/v1/auth/approle/role/dev")).willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        post(urlEqualTo("/v1/auth/token/lookup-accessor")).willReturn(aResponse().withStatus(404)));
    try (VaultConnection vault = connection()) {
      Optional<VaultReply> created = vault.write("auth/approle/role/dev/secret-id", Map.of());
      assertThat(created.orElseThrow().text("data", "secret_id")).isEqualTo(SECRET);
      assertThat(created.orElseThrow().toString()).doesNotContain(SECRET);
      Optional<VaultReply> empty =
          vault.write("auth/approle/role/dev", Map.of("token_policies", List.of("p")));
      assertThat(empty).isPresent();
      assertThat(empty.orElseThrow().has("data")).isFalse();
      assertThat(vault.write("auth/token/lookup-accessor", Map.of("accessor", "x"))).isEmpty();
    }
    wm.verify(
        postRequestedFor(urlEqualTo("/v1/auth/approle/role/dev"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"token_policies\":[\"p\"]}")));
  }

  @Test
  @DisplayName("put: PUT with a JSON body")
  void putRequest() {
    wm.stubFor(
        put(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/write"))
            .willReturn(aResponse().withStatus(204)));
    try (VaultConnection vault = connection()) {
      assertThat(vault.put("sys/policies/acl/phalanx/dev/write", Map.of("policy", "x")))
          .isPresent();
    }
    wm.verify(
        putRequestedFor(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/write"))
            .withHeader("X-Vault-Token", equalTo(WireMockStores.TOKEN))
            .withRequestBody(equalToJson("{\"policy\":\"x\"}")));
  }

  @Test
  @DisplayName("a refusal is a VaultException naming method, path and status, never the token")
  void refusal() {
    wm.stubFor(
        post(urlEqualTo("/v1/auth/token/create"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        "{\"errors\":[\"permission denied for " + WireMockStores.TOKEN + "\"]}")));
    try (VaultConnection vault = connection()) {
      assertThatThrownBy(() -> vault.write("auth/token/create", Map.of("ttl", "1h")))
          .isInstanceOfSatisfying(
              VaultException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.path()).isEqualTo("auth/token/create");
                assertThat(e.getMessage())
                    .contains("denied POST auth/token/create (HTTP 403")
                    .doesNotContain(WireMockStores.TOKEN);
              });
    }
  }
}

package dev.phalanx.secrets.vault.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.WireMockStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("VaultCredentials over HTTP (WireMock)")
class VaultCredentialsTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String NEW_TOKEN = "hvs.CANARY-new-write-token";

  private VaultCredentials credentials() {
    EnvironmentSettings env =
        new EnvironmentSettings(
            "dev",
            "dev.example.com",
            wm.baseUrl(),
            "secret/phalanx/dev",
            null,
            new TreeMap<>(),
            Map.of());
    return VaultCredentials.open(
        new StoreConfig(
            "",
            WireMockStores.options(wm),
            Map.of("vault-token", SecretValue.of(WireMockStores.TOKEN)),
            env),
        k -> null,
        Path.of("/nonexistent"),
        Clock.systemUTC());
  }

  @Test
  @DisplayName("a failure after the write token was created revokes the new token and says so")
  void revokesTheNewTokenOnFailure() {
    wm.stubFor(
        put(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/write"))
            .willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        get(urlPathEqualTo("/v1/auth/token/accessors"))
            .willReturn(okJson("{\"data\":{\"keys\":[]}}")));
    wm.stubFor(
        post(urlEqualTo("/v1/auth/token/create"))
            .willReturn(
                okJson(
                    "{\"auth\":{\"client_token\":\""
                        + NEW_TOKEN
                        + "\",\"accessor\":\"acc-new\",\"token_policies\":[\"default\"]}}")));
    // The new token cannot be looked up: the command must not leave it valid and unreported.
    wm.stubFor(
        post(urlEqualTo("/v1/auth/token/lookup-accessor"))
            .willReturn(
                aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));
    wm.stubFor(
        post(urlEqualTo("/v1/auth/token/revoke-accessor")).willReturn(aResponse().withStatus(204)));
    try (VaultCredentials creds = credentials()) {
      assertThatThrownBy(creds::createWriteToken)
          .hasMessageContaining("creating the write token for secret/phalanx/dev failed")
          .hasMessageContaining("the new write token (accessor acc-new) was revoked again")
          .hasMessageNotContaining(NEW_TOKEN);
    }
    wm.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/auth/token/revoke-accessor"))
            .withRequestBody(equalToJson("{\"accessor\":\"acc-new\"}")));
  }

  @Test
  @DisplayName("the earlier write tokens are found before a new one is created")
  void listsBeforeCreating() {
    wm.stubFor(
        put(urlEqualTo("/v1/sys/policies/acl/phalanx/dev/write"))
            .willReturn(aResponse().withStatus(204)));
    wm.stubFor(
        get(urlPathEqualTo("/v1/auth/token/accessors"))
            .willReturn(
                aResponse().withStatus(403).withBody("{\"errors\":[\"permission denied\"]}")));
    try (VaultCredentials creds = credentials()) {
      assertThatThrownBy(creds::createWriteToken).hasMessageContaining("403");
    }
    wm.verify(0, postRequestedFor(urlEqualTo("/v1/auth/token/create")));
  }

  @Test
  @DisplayName("YAML scalars and timestamps as PyYAML dumps them")
  void pyYaml() {
    assertThat(PyYaml.string("hvs.CAESabc")).isEqualTo("hvs.CAESabc");
    assertThat(PyYaml.string("1234")).isEqualTo("'1234'");
    assertThat(PyYaml.string("true")).isEqualTo("'true'");
    assertThat(PyYaml.string("0x12")).isEqualTo("'0x12'");
    assertThat(PyYaml.string("1e5")).isEqualTo("1e5");
    assertThat(PyYaml.string("1.5")).isEqualTo("'1.5'");
    assertThat(PyYaml.string("")).isEqualTo("''");
    assertThat(PyYaml.string("a b")).isEqualTo("'a b'");
    assertThat(PyYaml.timestamp(OffsetDateTime.parse("2036-11-29T23:59:59.123456789Z")))
        .isEqualTo("2036-11-29 23:59:59.123456+00:00");
    assertThat(PyYaml.timestamp(OffsetDateTime.parse("2036-11-29T23:59:59Z")))
        .isEqualTo("2036-11-29 23:59:59+00:00");
    assertThat(PyYaml.timestamp(OffsetDateTime.parse("2036-11-29T23:59:59.5-05:00")))
        .isEqualTo("2036-11-29 23:59:59.500000-05:00");
    assertThat(PyYaml.logTimestamp(OffsetDateTime.parse("2036-11-29T23:59:59.123456789-01:00")))
        .isEqualTo("2036-11-30 00:59:59.123");
    assertThat(PyYaml.logTimestamp(OffsetDateTime.parse("2036-11-29T23:59:59Z")))
        .isEqualTo("2036-11-29 23:59:59");
  }
}

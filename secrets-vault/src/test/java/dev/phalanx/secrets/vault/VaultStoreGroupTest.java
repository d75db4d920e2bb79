package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoreGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group of Vault stores (the fleet's environments): stores on one server with the same
 * credentials share one connection, its session and its mount checks; any other difference gets a
 * connection of its own (WireMock).
 */
@DisplayName("A Vault store group")
class VaultStoreGroupTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String MOUNTS = "/v1/sys/internal/ui/mounts/secret";
  private static final String OTHER_TOKEN = "hvs.CANARY-other-token-fedcba9876543210";

  @BeforeEach
  void stubs() {
    wm.stubFor(
        get(urlPathEqualTo(MOUNTS))
            .willReturn(okJson("{\"data\":{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}}")));
    wm.stubFor(
        get(urlPathMatching("/v1/secret/data/phalanx/(dev|int)/app"))
            .willReturn(
                okJson(
                    "{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":3,"
                        + "\"deletion_time\":\"\",\"destroyed\":false}}}")));
    wm.stubFor(
        any(urlPathMatching("/v1/secret/metadata/phalanx/(dev|int)/?"))
            .willReturn(okJson("{\"data\":{\"keys\":[\"app\"]}}")));
  }

  private static StoreGroup group() {
    return new VaultStoreGroup(k -> null, Path.of("/nonexistent"), Clock.systemUTC());
  }

  private static StoreConfig config(String prefix, String token, Map<String, String> extra) {
    Map<String, String> options = new java.util.HashMap<>(WireMockStores.options(wm));
    options.putAll(extra);
    return new StoreConfig(prefix, options, Map.of("vault-token", SecretValue.of(token)), null);
  }

  private static long mountChecks() {
    return wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(MOUNTS)).build()).getCount();
  }

  @Test
  @DisplayName("shares one connection between paths of one server and token: one mount check")
  void sharesOneConnection() {
    try (StoreGroup group = group();
        SecretStore dev =
            group.create(config("secret/phalanx/dev", WireMockStores.TOKEN, Map.of()));
        SecretStore prod =
            group.create(config("secret/phalanx/int", WireMockStores.TOKEN, Map.of()))) {
      assertThat(dev.snapshot(List.of("app")).get("app").version()).isEqualTo(3);
      assertThat(prod.snapshot(List.of("app")).get("app").version()).isEqualTo(3);
      assertThat(((VaultStoreGroup) group).connections()).isEqualTo(1);
      assertThat(dev.describe()).endsWith("secret/phalanx/dev");
      assertThat(prod.describe()).endsWith("secret/phalanx/int");
    }
    assertThat(mountChecks()).isEqualTo(1);
  }

  @Test
  @DisplayName("gives another token, or other settings, a connection of its own")
  void separatesCredentialsAndSettings() {
    try (StoreGroup group = group();
        SecretStore a = group.create(config("secret/phalanx/dev", WireMockStores.TOKEN, Map.of()));
        SecretStore b = group.create(config("secret/phalanx/dev", OTHER_TOKEN, Map.of()));
        SecretStore c =
            group.create(
                config("secret/phalanx/dev", WireMockStores.TOKEN, Map.of("concurrency", "4")))) {
      for (SecretStore s : List.of(a, b, c)) {
        assertThat(s.snapshot(List.of("app"))).containsOnlyKeys("app");
      }
      assertThat(((VaultStoreGroup) group).connections()).isEqualTo(3);
      assertThat(group.toString()).doesNotContain(WireMockStores.TOKEN).doesNotContain(OTHER_TOKEN);
    }
    assertThat(mountChecks()).isEqualTo(3);
  }

  @Test
  @DisplayName("keeps the shared connection open when one store closes; closing the group ends it")
  void closing() {
    StoreGroup group = group();
    SecretStore dev = group.create(config("secret/phalanx/dev", WireMockStores.TOKEN, Map.of()));
    SecretStore prod = group.create(config("secret/phalanx/int", WireMockStores.TOKEN, Map.of()));
    dev.snapshot(List.of("app"));
    dev.close();
    assertThat(prod.snapshot(List.of("app"))).containsOnlyKeys("app");
    group.close();
    group.close(); // twice is harmless
    assertThatThrownBy(() -> prod.read("app"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(
            () -> group.create(config("secret/phalanx/dev", WireMockStores.TOKEN, Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Vault store group is closed");
    prod.close();
  }

  @Test
  @DisplayName("is what the Vault provider hands out")
  void provider() {
    try (StoreGroup group = new VaultSecretStoreProvider().group()) {
      assertThat(group).isInstanceOf(VaultStoreGroup.class);
    }
  }
}

package dev.phalanx.secrets.vault;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.phalanx.secrets.vault.TestStores.data;
import static dev.phalanx.secrets.vault.WireMockStores.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KV version check of a mount: one request per mount and connection however many reads start at
 * once, and a KV version 1 mount refused for reads and writes alike (WireMock).
 */
@DisplayName("The KV version check of a mount")
class MountCheckTest {

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String MOUNTS = "/v1/sys/internal/ui/mounts/secret";
  private static final String APP_BODY =
      "{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":1,\"deletion_time\":\"\","
          + "\"destroyed\":false}}}";

  private static List<String> apps(int n) {
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      apps.add("app" + i);
    }
    return apps;
  }

  private static void mount(String version, int delayMillis) {
    wm.stubFor(
        get(urlPathEqualTo(MOUNTS))
            .willReturn(
                okJson("{\"data\":{\"type\":\"kv\",\"options\":{\"version\":\"" + version + "\"}}}")
                    .withFixedDelay(delayMillis)));
  }

  @Test
  @DisplayName("is asked once when sixteen reads and the listing start together")
  void askedOnce() {
    mount("2", 300);
    wm.stubFor(
        get(urlPathMatching("/v1/secret/data/phalanx/dev/app[0-9]+")).willReturn(okJson(APP_BODY)));
    wm.stubFor(
        any(urlPathMatching("/v1/secret/metadata/phalanx/dev/?"))
            .willReturn(okJson("{\"data\":{\"keys\":[]}}")));
    try (VaultSecretStore store = store(wm)) {
      assertThat(store.snapshot(apps(20))).hasSize(20);
      assertThat(store.snapshot(apps(20))).hasSize(20);
    }
    assertThat(wm.countRequestsMatching(getRequestedFor(urlPathEqualTo(MOUNTS)).build()).getCount())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("refuses a KV version 1 mount: reads fail with the reason, a write sends nothing")
  void versionOneRefused() {
    mount("1", 100);
    wm.stubFor(
        get(urlPathMatching("/v1/secret/data/phalanx/dev/app[0-9]+")).willReturn(okJson(APP_BODY)));
    try (VaultSecretStore store = store(wm)) {
      assertThatThrownBy(() -> store.snapshot(apps(5)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is a KV version 1 mount");
      int before = wm.getAllServeEvents().size();
      assertThatThrownBy(() -> store.write("app0", data("k", "v"), new WriteCondition.CreateOnly()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is a KV version 1 mount");
      assertThat(
              wm.getAllServeEvents().subList(0, wm.getAllServeEvents().size() - before).stream()
                  .map(e -> e.getRequest().getMethod().value() + " " + e.getRequest().getUrl()))
          .as("the write sent only the check again")
          .allMatch(r -> r.startsWith("GET " + MOUNTS));
    }
    assertThat(
            wm.countRequestsMatching(anyRequestedFor(urlPathMatching("/v1/secret/data/.*")).build())
                .getCount())
        .as("only reads reached the data path")
        .isEqualTo(
            wm.countRequestsMatching(getRequestedFor(urlPathMatching("/v1/secret/data/.*")).build())
                .getCount());
  }
}

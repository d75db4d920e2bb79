package dev.phalanx.secrets.vault;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Stores pointed at WireMock, with tiny backoff and no token lookup unless asked. */
public final class WireMockStores {

  public static final String TOKEN = "hvs.CANARY-token-0123456789abcdef";
  public static final String PREFIX = "secret/phalanx/dev";

  private WireMockStores() {}

  public static Map<String, String> options(WireMockExtension wm) {
    Map<String, String> options = new HashMap<>();
    options.put("vault-url", wm.baseUrl());
    options.put("retry-initial-backoff", "1ms");
    options.put("retry-max-backoff", "4ms");
    options.put("retry-max-total", "10s");
    options.put("request-timeout", "2s");
    options.put("token-renewal", "false");
    return options;
  }

  public static VaultSecretStore store(WireMockExtension wm) {
    return store(wm, Map.of());
  }

  public static VaultSecretStore store(WireMockExtension wm, Map<String, String> extra) {
    Map<String, String> options = options(wm);
    options.putAll(extra);
    return VaultSecretStore.open(
        new StoreConfig(PREFIX, options, Map.of("vault-token", SecretValue.of(TOKEN)), null),
        k -> null,
        Path.of("/nonexistent"),
        Clock.systemUTC());
  }
}

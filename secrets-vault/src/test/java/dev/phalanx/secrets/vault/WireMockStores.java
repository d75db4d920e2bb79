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

  private static final Path NO_HOME = Path.of("/nonexistent");

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
    return VaultSecretStore.open(config(options), k -> null, NO_HOME, Clock.systemUTC());
  }

  /** A connection with the store's options and token, for the generic requests. */
  public static VaultConnection connection(WireMockExtension wm) {
    return VaultConnection.open(config(options(wm)), k -> null, NO_HOME, Clock.systemUTC());
  }

  private static StoreConfig config(Map<String, String> options) {
    return new StoreConfig(PREFIX, options, Map.of("vault-token", SecretValue.of(TOKEN)), null);
  }
}

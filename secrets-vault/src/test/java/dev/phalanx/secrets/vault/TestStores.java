package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds stores for tests with a controlled environment (no real VAULT_* variables, no home). */
public final class TestStores {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestStores() {}

  public static String uniquePrefix(String name) {
    return "secret/it/" + name + "-" + COUNTER.incrementAndGet() + "-" + System.nanoTime() % 100000;
  }

  public static EnvironmentSettings environment(String name, String url, String prefix) {
    return new EnvironmentSettings(
        name, name + ".example.com", url, prefix, null, new TreeMap<>(), Map.of());
  }

  public static Map<String, String> fastRetries(String url) {
    Map<String, String> options = new HashMap<>();
    options.put("vault-url", url);
    options.put("retry-initial-backoff", "1ms");
    options.put("retry-max-backoff", "5ms");
    options.put("retry-max-total", "5s");
    return options;
  }

  public static VaultSecretStore store(OpenBaoServer server, String prefix, SecretValue token) {
    return store(server, prefix, token, Map.of(), Map.of());
  }

  public static VaultSecretStore store(
      OpenBaoServer server,
      String prefix,
      SecretValue token,
      Map<String, String> extraOptions,
      Map<String, String> env) {
    Map<String, String> options = fastRetries(server.address().toString());
    options.putAll(extraOptions);
    StoreConfig config = new StoreConfig(prefix, options, Map.of("vault-token", token), null);
    return VaultSecretStore.open(config, env::get, Path.of("/nonexistent-home"), Clock.systemUTC());
  }

  public static Map<String, SecretValue> data(String... keyValues) {
    Map<String, SecretValue> out = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], SecretValue.of(keyValues[i + 1]));
    }
    return out;
  }
}

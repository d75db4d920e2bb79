package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StoreConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code memory} store and source providers. {@code memory:NAME} refers to an instance
 * registered with {@link #register(String, InMemorySecretStore)} (so a test can hand a store to
 * code that only takes a store URI, such as the CLI); {@code memory:} with no name is a fresh empty
 * store.
 */
public final class MemoryProviders {

  private static final Map<String, InMemorySecretStore> STORES = new ConcurrentHashMap<>();
  private static final Map<String, InMemorySecretSource> SOURCES = new ConcurrentHashMap<>();

  private MemoryProviders() {}

  /**
   * Makes a store reachable as {@code memory:NAME}.
   *
   * @param name the name
   * @param store the store
   */
  public static void register(String name, InMemorySecretStore store) {
    STORES.put(name, store);
  }

  /**
   * Makes a source reachable as {@code memory:NAME}.
   *
   * @param name the name
   * @param source the source
   */
  public static void register(String name, InMemorySecretSource source) {
    SOURCES.put(name, source);
  }

  /**
   * Forgets a registered store and source.
   *
   * @param name the name
   */
  public static void unregister(String name) {
    STORES.remove(name);
    SOURCES.remove(name);
  }

  /** ServiceLoader provider of the {@code memory} store. */
  public static final class Store implements SecretStoreProvider {
    /** Creates the provider. */
    public Store() {}

    @Override
    public String type() {
      return "memory";
    }

    @Override
    public SecretStore create(StoreConfig config) {
      if (config.location().isEmpty()) {
        return InMemorySecretStore.create();
      }
      InMemorySecretStore store = STORES.get(config.location());
      if (store == null) {
        throw new PhalanxSecretsException(
            "no in-memory store registered as '" + config.location() + "'");
      }
      return store;
    }
  }

  /** ServiceLoader provider of the {@code memory} source. */
  public static final class Source implements SecretSourceProvider {
    /** Creates the provider. */
    public Source() {}

    @Override
    public String type() {
      return "memory";
    }

    @Override
    public SecretSource create(SourceConfig config) {
      InMemorySecretSource source = SOURCES.get(config.location());
      if (source == null) {
        throw new PhalanxSecretsException(
            "no in-memory source registered as '" + config.location() + "'");
      }
      return source;
    }
  }
}

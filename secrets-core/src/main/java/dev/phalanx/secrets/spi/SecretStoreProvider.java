package dev.phalanx.secrets.spi;

/**
 * ServiceLoader entry point for a store type. Register implementations in {@code
 * META-INF/services/dev.phalanx.secrets.spi.SecretStoreProvider}.
 *
 * <p>A public no-argument constructor, no I/O in it; {@link #create} validates the configuration
 * and may connect lazily.
 */
public interface SecretStoreProvider {

  /**
   * The type key used in store URIs ({@code file}, {@code vault}, {@code memory}, ...).
   *
   * @return the type
   */
  String type();

  /**
   * Creates a store.
   *
   * @param config location, options, credentials and environment
   * @return the store
   * @throws dev.phalanx.secrets.PhalanxSecretsException when the configuration is invalid
   */
  SecretStore create(StoreConfig config);
}

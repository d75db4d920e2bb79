package dev.phalanx.secrets.spi;

import java.util.Set;

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

  /**
   * A group of stores that may share connections and sessions, for a caller that opens many stores
   * of this type at once (the CLI's {@code audit --all} opens one per environment). The default
   * shares nothing: its stores are made by {@link #create}. A remote backend overrides it when
   * setting up a connection costs round trips.
   *
   * @return a new, open group; the caller closes it after its stores
   */
  default StoreGroup group() {
    return StoreGroup.unshared(this);
  }

  /**
   * The names of the credentials (e.g. {@code vault-token}, {@code vault-write-token}) the stores
   * of this type consume. A caller holding credentials hands each provider only those it declares
   * here, so that a secret meant for one backend never reaches another, third-party ones included.
   * The default declares none.
   *
   * @return the credential names, empty by default
   */
  default Set<String> credentials() {
    return Set.of();
  }

  /**
   * Loads ahead of use what this backend will need: its classes, and JDK defaults it initialises
   * (for example the default TLS context), so that a tool can do that work on another thread while
   * it reads its configuration. A caller may call it at most once, before or while it calls {@link
   * #create}, from any thread. It must change nothing but speed: no connection, no file of its own,
   * no logging, no state a later {@code create} depends on, and it never throws. The default does
   * nothing.
   */
  default void preload() {}
}

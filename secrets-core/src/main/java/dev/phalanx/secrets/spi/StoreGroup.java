package dev.phalanx.secrets.spi;

/**
 * Stores opened together, for example one per environment of a fleet audit, that may share what is
 * costly to set up: connections, sessions and checks already made. The stores of a Vault group that
 * name the same server with the same credentials and settings share one HTTP client, its connection
 * pool, one token session and the KV version check of each mount.
 *
 * <p>Each store of a group is used and closed as a store made by {@link SecretStoreProvider#create}
 * is; closing one leaves the others working. Closing the group releases what they share, and is
 * done after its stores are closed: a store used after its group was closed fails. {@link #create}
 * may be called from several threads at once.
 *
 * @see SecretStoreProvider#group()
 */
public interface StoreGroup extends AutoCloseable {

  /**
   * Creates a store of the group.
   *
   * @param config location, options, credentials and environment
   * @return the store
   * @throws dev.phalanx.secrets.PhalanxSecretsException when the configuration is invalid
   * @throws IllegalStateException when the group is closed
   */
  SecretStore create(StoreConfig config);

  /** Releases what the group's stores share. Closing a closed group does nothing. */
  @Override
  void close();

  /**
   * A group whose stores share nothing: each is {@code provider.create(config)}.
   *
   * @param provider the provider
   * @return the group
   */
  static StoreGroup unshared(SecretStoreProvider provider) {
    return new StoreGroup() {
      private volatile boolean closed;

      @Override
      public SecretStore create(StoreConfig config) {
        if (closed) {
          throw new IllegalStateException("the " + provider.type() + " store group is closed");
        }
        return provider.create(config);
      }

      @Override
      public void close() {
        closed = true;
      }

      @Override
      public String toString() {
        return "StoreGroup[" + provider.type() + ", unshared]";
      }
    };
  }
}

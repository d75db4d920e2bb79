package com.example.dirstore;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Path;

/**
 * The {@code dirstore} store type: {@code --store dirstore:DIRECTORY}. Registered in {@code
 * META-INF/services/dev.phalanx.secrets.spi.SecretStoreProvider}. A cheap factory: no I/O here.
 */
public final class DirectoryStoreProvider implements SecretStoreProvider {

  /** Creates the provider. */
  public DirectoryStoreProvider() {}

  @Override
  public String type() {
    return "dirstore";
  }

  @Override
  public SecretStore create(StoreConfig config) {
    if (config.location().isBlank()) {
      throw new PhalanxSecretsException("the dirstore store needs a directory: dirstore:DIR");
    }
    return new DirectoryStore(Path.of(config.location()));
  }
}

package dev.phalanx.secrets.file;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.spi.OptionReader;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Path;

/**
 * The {@code file} store: {@code --store file:PATH} keeps an environment's secrets in one local
 * JSON file, created {@code 0600}.
 */
public final class FileSecretStoreProvider implements SecretStoreProvider {

  /** Creates the provider; does nothing else. */
  public FileSecretStoreProvider() {}

  @Override
  public String type() {
    return "file";
  }

  @Override
  public SecretStore create(StoreConfig config) {
    OptionReader.of("file store", config.options()).check();
    if (config.location().isBlank()) {
      throw new PhalanxSecretsException("the file store needs a path: --store file:PATH");
    }
    return new FileSecretStore(Path.of(config.location()));
  }
}

package dev.phalanx.secrets.tests;

import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Audit and sync scenarios on the file store")
class FileStoreScenariosTest extends SyncScenarios {

  @TempDir Path storeDir;

  @Override
  SecretStore newStore() {
    return new FileSecretStoreProvider()
        .create(StoreConfig.of(storeDir.resolve("store.json").toString()));
  }
}

package dev.phalanx.secrets.tests;

import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.contract.SyncScenarioContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Audit and sync scenarios on the file store")
class FileStoreScenariosTest extends SyncScenarioContract<SecretStore> {

  @TempDir Path storeDir;

  @Override
  protected SecretStore createStore() {
    return new FileSecretStoreProvider()
        .create(StoreConfig.of(storeDir.resolve("store.json").toString()));
  }
}

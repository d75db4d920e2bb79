package com.example.dirstore;

import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.contract.SecretStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The whole compatibility kit, adopted in a few lines. */
@DisplayName("dirstore meets the SecretStore contract")
class DirectoryStoreContractTest extends SecretStoreContract<DirectoryStore> {

  @TempDir Path dir;

  @Override
  protected DirectoryStore createStore() {
    return (DirectoryStore) new DirectoryStoreProvider().create(StoreConfig.of(dir.toString()));
  }

  @Override
  protected boolean softDelete(DirectoryStore store, String application) {
    store.softDelete(application);
    return true;
  }
}

package com.example.dirstore;

import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.contract.SecretStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

// tag::readme[]
/** The whole compatibility kit, adopted in a few lines. */
@DisplayName("dirstore meets the SecretStore contract")
class DirectoryStoreContractTest extends SecretStoreContract<DirectoryStore> {

  @TempDir Path dir;

  // A fresh, empty store for every test.
  @Override
  protected DirectoryStore createStore() {
    return (DirectoryStore) new DirectoryStoreProvider().create(StoreConfig.of(dir.toString()));
  }

  // Return false if your backend cannot soft-delete.
  @Override
  protected boolean softDelete(DirectoryStore store, String application) {
    store.softDelete(application);
    return true;
  }
}
// end::readme[]

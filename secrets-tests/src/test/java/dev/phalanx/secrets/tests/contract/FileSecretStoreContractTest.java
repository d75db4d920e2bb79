package dev.phalanx.secrets.tests.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.contract.SecretStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file} store, created through its provider. It cannot soft-delete. */
@DisplayName("the file store meets the SecretStore contract")
class FileSecretStoreContractTest extends SecretStoreContract<SecretStore> {

  @TempDir Path dir;

  @Override
  protected SecretStore createStore() {
    return Providers.load()
        .stores()
        .get("file")
        .create(StoreConfig.of(dir.resolve("store.json").toString()));
  }

  @Override
  protected int concurrentWriters() {
    return 3;
  }

  @Override
  protected int incrementsPerThread() {
    return 10;
  }
}

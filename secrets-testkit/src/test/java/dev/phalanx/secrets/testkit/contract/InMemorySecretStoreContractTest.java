package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.testkit.InMemorySecretStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemorySecretStore meets the SecretStore contract")
class InMemorySecretStoreContractTest extends SecretStoreContract<InMemorySecretStore> {

  @Override
  protected InMemorySecretStore createStore() {
    return InMemorySecretStore.create();
  }

  @Override
  protected boolean softDelete(InMemorySecretStore store, String application) {
    store.softDelete(application);
    return true;
  }

  @Override
  protected boolean destroy(InMemorySecretStore store, String application) {
    store.destroy(application);
    return true;
  }
}

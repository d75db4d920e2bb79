package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.testkit.InMemorySecretStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("a read-only InMemorySecretStore meets the SecretStore contract")
class ReadOnlyInMemorySecretStoreContractTest extends SecretStoreContract<InMemorySecretStore> {

  @Override
  protected InMemorySecretStore createStore() {
    return InMemorySecretStore.builder().readOnly().build();
  }
}

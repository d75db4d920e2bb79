package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.testkit.FaultyStore;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import org.junit.jupiter.api.DisplayName;

/** A FaultyStore without faults is transparent: it meets the contract of the store it wraps. */
@DisplayName("FaultyStore without faults meets the SecretStore contract")
class FaultyStoreContractTest extends SecretStoreContract<FaultyStore> {

  @Override
  protected FaultyStore createStore() {
    return FaultyStore.wrap(InMemorySecretStore.create()).build();
  }
}

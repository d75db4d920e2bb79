package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.spi.SecretSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemorySecretSource meets the SecretSource contract")
class InMemorySecretSourceContractTest extends SecretSourceContract {

  @Override
  protected SecretSource createSource(SourceFixture fixture) {
    return InMemorySources.serving(fixture);
  }
}

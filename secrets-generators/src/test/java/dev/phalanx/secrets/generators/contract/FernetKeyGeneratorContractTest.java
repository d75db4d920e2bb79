package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'fernet-key' meets the SecretGenerator contract")
class FernetKeyGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("fernet-key").orElseThrow();
  }
}

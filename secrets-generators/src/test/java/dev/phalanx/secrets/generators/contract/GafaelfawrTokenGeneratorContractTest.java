package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'gafaelfawr-token' meets the SecretGenerator contract")
class GafaelfawrTokenGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("gafaelfawr-token").orElseThrow();
  }
}

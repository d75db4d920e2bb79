package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'bcrypt-password-hash' meets the SecretGenerator contract")
class BcryptPasswordHashGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("bcrypt-password-hash").orElseThrow();
  }

  /** The lowest cost keeps the kit fast; the cost does not change the contract. */
  @Override
  protected void configure(TestGenerationContext.Builder context) {
    context.option("cost", 4);
  }
}

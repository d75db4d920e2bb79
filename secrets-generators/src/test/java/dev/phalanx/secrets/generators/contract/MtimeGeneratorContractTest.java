package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'mtime' meets the SecretGenerator contract")
class MtimeGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("mtime").orElseThrow();
  }

  /** The value is the clock's time: it does not depend on randomness. */
  @Override
  protected boolean dependsOnRandomness() {
    return false;
  }
}

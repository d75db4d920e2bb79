package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'oidc-clients' meets the SecretGenerator contract")
class OidcClientsGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("oidc-clients").orElseThrow();
  }

  @Override
  protected void configure(TestGenerationContext.Builder context) {
    context.oidcClients(
        List.of(
            new OidcClient("a", "id-a", SecretValue.of("secret-a"), "https://a.example.com/"),
            new OidcClient("b", "id-b", SecretValue.of("secret-b"), "https://b.example.com/")));
  }

  /** The value is derived from the static OIDC clients only. */
  @Override
  protected boolean dependsOnRandomness() {
    return false;
  }
}

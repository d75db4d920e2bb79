package dev.phalanx.secrets.generators.contract;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import dev.phalanx.secrets.testkit.contract.SecretGeneratorContract;
import org.junit.jupiter.api.DisplayName;

@DisplayName("generator 'x509-certificate' meets the SecretGenerator contract")
class X509CertificateGeneratorContractTest extends SecretGeneratorContract {

  @Override
  protected SecretGenerator createGenerator() {
    return Providers.load().find("x509-certificate").orElseThrow();
  }

  /** A certificate is made for an existing private key: the source. */
  @Override
  protected SecretValue validSource() {
    return Providers.load()
        .find("ec-private-key")
        .orElseThrow()
        .generate(TestGenerationContext.builder().random(TestGenerationContext.seeded(3)).build());
  }

  @Override
  protected void configure(TestGenerationContext.Builder context) {
    context.option("commonName", "contract.example.com");
  }
}

package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same seeded random stream and fixed clock give the same value, for every type. */
class DeterminismTest {

  private static final Map<String, Supplier<TestGenerationContext.Builder>> CONTEXTS =
      Map.of(
          "bcrypt-password-hash",
              () -> TestGenerationContext.builder().source("pw").option("cost", 4),
          "mtime", () -> TestGenerationContext.builder().source("pw"),
          "oidc-clients",
              () ->
                  TestGenerationContext.builder()
                      .oidcClients(
                          List.of(new OidcClient("c", "id", SecretValue.of("s"), "https://x/"))));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "gafaelfawr-token",
        "fernet-key",
        "rsa-private-key",
        "ec-private-key",
        "bcrypt-password-hash",
        "mtime",
        "oidc-clients"
      })
  void sameSeedAndClockGiveSameValue(String type) {
    SecretGenerator generator = Providers.load().find(type).orElseThrow();
    Supplier<TestGenerationContext.Builder> base =
        CONTEXTS.getOrDefault(type, TestGenerationContext::builder);
    SecretValue first =
        generator.generate(base.get().random(TestGenerationContext.seeded(42)).build());
    SecretValue second =
        generator.generate(base.get().random(TestGenerationContext.seeded(42)).build());
    assertThat(first.equals(second)).as(type + " deterministic").isTrue();
    if (!type.equals("mtime") && !type.equals("oidc-clients")) {
      SecretValue other =
          generator.generate(base.get().random(TestGenerationContext.seeded(43)).build());
      assertThat(first.equals(other)).as(type + " depends on the seed").isFalse();
    }
  }

  @Test
  void certificatesAreDeterministicToo() {
    SecretValue key =
        new EcPrivateKeyGenerator()
            .generate(
                TestGenerationContext.builder().random(TestGenerationContext.seeded(1)).build());
    Supplier<TestGenerationContext.Builder> base =
        () -> TestGenerationContext.builder().source(key).option("commonName", "example.com");
    var generator = new X509CertificateGenerator();
    SecretValue a = generator.generate(base.get().random(TestGenerationContext.seeded(9)).build());
    SecretValue b = generator.generate(base.get().random(TestGenerationContext.seeded(9)).build());
    assertThat(a.equals(b)).isTrue();
  }
}

package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.generators.testing.ConstantGeneratorProvider;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersTest {

  private static final List<String> DOCUMENTED =
      List.of(
          "password",
          "gafaelfawr-token",
          "fernet-key",
          "rsa-private-key",
          "bcrypt-password-hash",
          "mtime",
          "oidc-clients",
          "ec-private-key",
          "x509-certificate");

  private static final Map<String, SourcePolicy> POLICIES =
      Map.of(
          "password", SourcePolicy.FORBIDDEN,
          "gafaelfawr-token", SourcePolicy.FORBIDDEN,
          "fernet-key", SourcePolicy.FORBIDDEN,
          "rsa-private-key", SourcePolicy.FORBIDDEN,
          "bcrypt-password-hash", SourcePolicy.REQUIRED,
          "mtime", SourcePolicy.REQUIRED,
          "oidc-clients", SourcePolicy.FORBIDDEN,
          "ec-private-key", SourcePolicy.FORBIDDEN,
          "x509-certificate", SourcePolicy.REQUIRED);

  @Test
  void providersLoadFindsEveryStandardType() {
    Providers providers = Providers.load();
    assertThat(providers.diagnostics()).isEmpty();
    assertThat(providers.types()).containsAll(DOCUMENTED);
    assertThat(StandardGenerators.TYPES).containsExactlyInAnyOrderElementsOf(DOCUMENTED);
    for (String type : DOCUMENTED) {
      SecretGenerator generator = providers.find(type).orElseThrow();
      assertThat(generator.type()).isEqualTo(type);
      assertThat(generator.sourcePolicy()).as(type).isEqualTo(POLICIES.get(type));
      assertThat(generator.getClass().getPackageName()).isEqualTo("dev.phalanx.secrets.generators");
      assertThat(Modifier.isPublic(generator.getClass().getModifiers()))
          .as(type + " implementation is package-private")
          .isFalse();
    }
  }

  @Test
  void everyProviderReportsTheTypeOfWhatItCreates() {
    for (SecretGeneratorProvider provider : ServiceLoader.load(SecretGeneratorProvider.class)) {
      assertThat(provider.create().type()).isEqualTo(provider.type());
    }
  }

  @Test
  void aGeneratorRegisteredOnlyInTestResourcesIsFoundToo() {
    Providers providers = Providers.load();
    assertThat(providers.types()).contains(ConstantGeneratorProvider.TYPE);
    assertThat(
            providers
                .find(ConstantGeneratorProvider.TYPE)
                .orElseThrow()
                .generate(TestGenerationContext.builder().build())
                .reveal())
        .isEqualTo("constant");
  }
}

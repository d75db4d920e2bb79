package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings were produced by Python's {@code json.dumps} and pasted in. */
class OidcClientsGeneratorTest {

  private final OidcClientsGenerator generator = new OidcClientsGenerator();

  @Test
  void noClientsGiveAnEmptyArray() {
    assertThat(generator.generate(TestGenerationContext.builder().build()).reveal())
        .isEqualTo("[]");
  }

  @Test
  void clientsInGivenOrderAsPythonWritesThem() {
    List<OidcClient> clients =
        List.of(
            new OidcClient(
                "argo",
                "argo-id",
                SecretValue.of("s\u00e9cret\"1"),
                "https://a.example/oidc/callback"),
            new OidcClient(
                "grafana", "gr\\id", SecretValue.of("\uD83D\uDE00"), "https://g.example/"));
    String json =
        generator.generate(TestGenerationContext.builder().oidcClients(clients).build()).reveal();
    // python3 -c 'import json; print(json.dumps([{"id": "argo-id", "secret": "s\u00e9cret\"1",
    //   "return_uri": "https://a.example/oidc/callback"}, {"id": "gr\\id", "secret": "\U0001F600",
    //   "return_uri": "https://g.example/"}]))'
    assertThat(json)
        .isEqualTo(
            "[{\"id\": \"argo-id\", \"secret\": \"s\\u00e9cret\\\"1\", \"return_uri\":"
                + " \"https://a.example/oidc/callback\"}, {\"id\": \"gr\\\\id\", \"secret\":"
                + " \"\\ud83d\\ude00\", \"return_uri\": \"https://g.example/\"}]");
  }

  @Test
  void declaredAsDerivedFromOidcClientsWithoutSource() {
    assertThat(generator.derivedFromStaticInput()).isTrue();
    assertThat(generator.staticInputs()).containsExactly(StaticInput.OIDC_CLIENTS);
    assertThat(generator.sourcePolicy()).isEqualTo(SourcePolicy.FORBIDDEN);
  }
}

package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phalanx.secrets.config.StaticTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code static-template} emits what Phalanx's PyYAML dump emits, byte for byte (issue 12). */
@DisplayName("static-template on the real tree")
class StaticTemplateBytesTest {

  @Test
  @DisplayName("is Phalanx's bytes: folded >- descriptions at 70 columns, its pull-secret text")
  void phalanxBytes() {
    String expected =
        String.join(
            "\n",
            "applications:",
            "  argocd:",
            "    dex.clientSecret:",
            "      description: >-",
            "        OAuth 2 or OpenID Connect client secret, used to authenticate to",
            "        Keycloak, GitHub, or Google as part of the authentication flow.",
            "        This secret can be changed at any time.",
            "      value: null",
            "  rapid-analysis:",
            "    redis-password:",
            "      description: >-",
            "        Password to the Rapid Analysis redis instance. Used also by RubinTV",
            "        and OCPS:101 CSC. Note that if the password changes Rapid Analysis",
            "        redis instance, RubinTV and OCPS CSC will need to be restarted.",
            "      value: null",
            "    sentry.dsn:",
            "      description: >-",
            "        URL for Sentry DSN.",
            "      value: null",
            "oidc-clients: {}",
            "pull-secret:",
            "  description: >-",
            "    Pull secrets for Docker registries. Each key under registries is the",
            "    name of a Docker registry that needs a pull secret. The value should",
            "    have two keys, username and password, that provide the HTTP Basic Auth",
            "    credentials for that registry.",
            "  registries: {}",
            "vault-write-token: null",
            "");
    String actual =
        StaticTemplate.render(
            Fixtures.environment(SharedTree.phalanxConfig(), "usdf-rapid-analysis"));
    assertEquals(expected, actual);
  }
}

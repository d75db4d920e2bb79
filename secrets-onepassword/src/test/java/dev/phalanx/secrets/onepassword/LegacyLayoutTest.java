package dev.phalanx.secrets.onepassword;

import static dev.phalanx.secrets.onepassword.Requests.environment;
import static dev.phalanx.secrets.onepassword.Requests.request;
import static dev.phalanx.secrets.onepassword.Requests.requests;
import static dev.phalanx.secrets.onepassword.Requests.secret;
import static dev.phalanx.secrets.onepassword.Requests.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The legacy shared-vault 1Password layout")
class LegacyLayoutTest {

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  private EnvironmentSettings env(String fqdn) {
    return environment("idfdev", fqdn, connect.url(), "ignored by legacy");
  }

  private FakeConnect.Vault rsp() {
    return connect.vault("RSP-Vault");
  }

  @Test
  @DisplayName("an item naming the environment wins over the default; other FQDNs get the default")
  void specificOverDefault() {
    FakeConnect.Vault v = rsp();
    v.item("default pw", "LOGIN")
        .field("generate_secrets_key", "gafaelfawr ldap-password", "STRING", "")
        .field("password", "default-pw", "CONCEALED", "PASSWORD");
    v.item("idfdev pw", "LOGIN")
        .field("generate_secrets_key", "gafaelfawr ldap-password", "STRING", "")
        .field("environment", "other.example.com", "STRING", "")
        .field("environment", "data-dev.lsst.cloud", "STRING", "")
        .field("password", "idfdev-pw", "CONCEALED", "PASSWORD");
    v.item("unrelated login", "LOGIN").field("password", "nope", "CONCEALED", "PASSWORD");
    connect.install();
    StaticSecretsRequest dev =
        request(env("data-dev.lsst.cloud"), false, "gafaelfawr ldap-password");
    StaticSecretsRequest other = request(env("int.lsst.cloud"), false, "gafaelfawr ldap-password");
    try (SecretSource source = source("layout", "legacy")) {
      assertThat(source.fetch(dev).value(SecretRef.of("gafaelfawr", "ldap-password")))
          .contains(SecretValue.of("idfdev-pw"));
      assertThat(source.fetch(other).value(SecretRef.of("gafaelfawr", "ldap-password")))
          .contains(SecretValue.of("default-pw"));
      // vaults + items + each of the 3 items once, for both environments
      assertThat(requests(source)).isEqualTo(5);
      for (FakeConnect.Item i : v.items) {
        assertThat(connect.count(i.path())).isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("notesPlain wins over the password field; values are raw even when encoded is set")
  void valueFields() {
    FakeConnect.Vault v = rsp();
    v.item("note")
        .field("generate_secrets_key", "app note", "STRING", "")
        .fieldWithId("notesPlain", "notesPlain", "-----BEGIN KEY-----\nabc\n", "NOTES")
        .field("password", "ignored", "CONCEALED", "PASSWORD");
    v.item("login", "LOGIN")
        .field("generate_secrets_key", "app login", "STRING", "")
        .fieldWithId("notesPlain", "notesPlain", "", "NOTES")
        .field("password", "from-password", "CONCEALED", "PASSWORD");
    v.item("encoded", "LOGIN")
        .field("generate_secrets_key", "app encoded", "STRING", "")
        .field("password", "aGVsbG8=", "CONCEALED", "PASSWORD");
    connect.install();
    StaticSecretsRequest req =
        new StaticSecretsRequest(
            env("data-dev.lsst.cloud"),
            List.of(secret("app", "note"), secret("app", "login"), secret("app", "encoded", true)),
            false);
    try (SecretSource source = source("layout", "legacy")) {
      StaticSecrets s = source.fetch(req);
      assertThat(s.value(SecretRef.of("app", "note")))
          .contains(SecretValue.of("-----BEGIN KEY-----\nabc\n"));
      assertThat(s.value(SecretRef.of("app", "login"))).contains(SecretValue.of("from-password"));
      assertThat(s.value(SecretRef.of("app", "encoded"))).contains(SecretValue.of("aGVsbG8="));
    }
  }

  @Test
  @DisplayName("two generate_secrets_key fields in one item, or two items for one FQDN, are errors")
  void errors() {
    FakeConnect.Vault v = rsp();
    v.item("double \"key\" item")
        .field("generate_secrets_key", "app one", "STRING", "")
        .field("generate_secrets_key", "app two", "STRING", "")
        .field("password", "x", "CONCEALED", "PASSWORD");
    v.item("first")
        .field("generate_secrets_key", "app dup", "STRING", "")
        .field("environment", "data-dev.lsst.cloud", "STRING", "")
        .field("password", "a", "CONCEALED", "PASSWORD");
    v.item("second")
        .field("generate_secrets_key", "app dup", "STRING", "")
        .field("environment", "data-dev.lsst.cloud", "STRING", "")
        .field("password", "b", "CONCEALED", "PASSWORD");
    v.item("bad key").field("generate_secrets_key", "justoneword", "STRING", "");
    connect.install();
    StaticSecretsRequest req =
        new StaticSecretsRequest(
            env("data-dev.lsst.cloud"),
            List.of(secret("app", "dup"), secret("app", "gone")),
            false);
    try (SecretSource source = source("layout", "legacy")) {
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOfSatisfying(
              SourceException.class,
              e ->
                  assertThat(e.problems())
                      .extracting(Problem::toString)
                      .containsExactlyInAnyOrder(
                          "item \"double \\\"key\\\" item\": has 2 generate_secrets_key fields; an"
                              + " item holds one secret",
                          "item \"bad key\": generate_secrets_key must be two words,"
                              + " \"<application> <key>\"",
                          "app/dup: items [\"first\", \"second\"] all apply to environment"
                              + " data-dev.lsst.cloud",
                          "app/gone: no item with generate_secrets_key \"app gone\" for"
                              + " data-dev.lsst.cloud or as a default"));
    }
  }

  @Test
  @DisplayName("the vault title defaults to RSP-Vault and can be overridden, quotes included")
  void vaultTitle() {
    connect.vault("RSP-Vault");
    FakeConnect.Vault v = connect.vault("Legacy \"RSP\" \\ Vault");
    v.item("x")
        .field("generate_secrets_key", "app key", "STRING", "")
        .field("password", "v", "CONCEALED", "PASSWORD");
    connect.install();
    try (SecretSource source =
        source("layout", "legacy", "vault-title", "Legacy \"RSP\" \\ Vault")) {
      assertThat(source.fetch(request(env("a.b"), false, "app key")).values()).hasSize(1);
    }
  }
}

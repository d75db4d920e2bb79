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
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("The per-environment 1Password layout")
class EnvironmentLayoutTest {

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  private EnvironmentSettings env(String vault) {
    return environment("idfdev", "data-dev.lsst.cloud", connect.url(), vault);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("for a realistic environment")
  class Realistic {

    FakeConnect.Vault vault;

    void populate() {
      vault = connect.vault("RSP idfdev");
      connect.vault("RSP other");
      vault
          .item("argocd")
          .field("admin.plaintext_password", "argo-pw")
          .field("dex.clientSecret", "dex-s");
      vault
          .item("gafaelfawr", "LOGIN")
          .field("cilogon-client-secret", "cilogon-s", "CONCEALED", "PASSWORD")
          .field("ldap-secret", b64("ldap\nmultiline"), "STRING", "");
      vault.item("nublado").field("unused", "x");
      vault
          .item("pull-secret")
          .section("ghcr.io", "username", "ghuser", "password", "ghpass")
          .section("docker.io", "username", "duser", "password", "dpass");
      vault
          .item("oidc-clients")
          .section("zeta", "id", "zeta-id", "secret", "zeta-s", "return_uri", "https://z/cb")
          .section("alpha", "id", "alpha-id", "secret", "alpha-s", "return_uri", "https://a/cb");
      vault.item("vault-write-token").field("vault-token", "hvs.write");
      connect.install();
    }

    StaticSecretsRequest req(boolean oidc) {
      return new StaticSecretsRequest(
          env("RSP idfdev"),
          List.of(
              secret("argocd", "admin.plaintext_password"),
              secret("argocd", "dex.clientSecret"),
              secret("gafaelfawr", "cilogon-client-secret"),
              secret("gafaelfawr", "ldap-secret", true)),
          oidc);
    }

    @Test
    @DisplayName("reads values by whole label, decodes encoded ones, and reads the sections")
    void reads() {
      populate();
      try (SecretSource source = source()) {
        StaticSecrets s = source.fetch(req(true));
        assertThat(s.values())
            .containsEntry(
                SecretRef.of("argocd", "admin.plaintext_password"), SecretValue.of("argo-pw"))
            .containsEntry(SecretRef.of("argocd", "dex.clientSecret"), SecretValue.of("dex-s"))
            .containsEntry(
                SecretRef.of("gafaelfawr", "cilogon-client-secret"), SecretValue.of("cilogon-s"))
            .containsEntry(
                SecretRef.of("gafaelfawr", "ldap-secret"), SecretValue.of("ldap\nmultiline"))
            .hasSize(4);
        assertThat(s.pullSecret()).isPresent();
        assertThat(s.pullSecret().get().registries()).containsOnlyKeys("ghcr.io", "docker.io");
        assertThat(s.pullSecret().get().registries().keySet())
            .containsExactly("ghcr.io", "docker.io");
        assertThat(s.pullSecret().get().registries().get("ghcr.io").username()).isEqualTo("ghuser");
        assertThat(s.pullSecret().get().registries().get("ghcr.io").password())
            .isEqualTo(SecretValue.of("ghpass"));
        assertThat(s.oidcClients())
            .extracting(OidcClient::name, OidcClient::id, OidcClient::returnUri)
            .containsExactly(
                Tuple.tuple("alpha", "alpha-id", "https://a/cb"),
                Tuple.tuple("zeta", "zeta-id", "https://z/cb"));
        assertThat(s.oidcClients().get(0).secret()).isEqualTo(SecretValue.of("alpha-s"));
        assertThat(s.vaultWriteToken()).contains(SecretValue.of("hvs.write"));
        assertThat(s.warnings()).isEmpty();
      }
    }

    @Test
    @DisplayName("lists vaults and items once and fetches each needed item once, nothing else")
    void requestCounts() {
      populate();
      try (SecretSource source = source()) {
        source.fetch(req(true));
        // vaults + item list + argocd, gafaelfawr, pull-secret, oidc-clients, vault-write-token
        assertThat(requests(source)).isEqualTo(7);
        assertThat(connect.total()).isEqualTo(7);
        assertThat(connect.count("/v1/vaults")).isEqualTo(1);
        assertThat(connect.count("/v1/vaults/" + vault.id + "/items")).isEqualTo(1);
        for (FakeConnect.Item i : vault.items) {
          assertThat(connect.count(i.path()))
              .as(i.title)
              .isEqualTo(i.title.equals("nublado") ? 0 : 1);
        }
        // A second fetch on the same source reads nothing again.
        source.fetch(req(true));
        assertThat(connect.total()).isEqualTo(7);
        assertThat(connect.server().getAllServeEvents())
            .allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain("filter"));
      }
    }

    @Test
    @DisplayName("does not fetch oidc-clients when no OIDC clients are asked for")
    void noOidc() {
      populate();
      try (SecretSource source = source()) {
        StaticSecrets s = source.fetch(req(false));
        assertThat(s.oidcClients()).isEmpty();
        assertThat(requests(source)).isEqualTo(6);
        assertThat(connect.count(vault.items.get(4).path())).isZero();
      }
    }
  }

  @Test
  @DisplayName("the optional items may be absent")
  void optionalItems() {
    FakeConnect.Vault v = connect.vault("idfdev");
    v.item("app").field("key", "v");
    connect.install();
    try (SecretSource source = source()) {
      StaticSecrets s = source.fetch(request(env("idfdev"), true, "app key"));
      assertThat(s.values()).hasSize(1);
      assertThat(s.pullSecret()).isEmpty();
      assertThat(s.oidcClients()).isEmpty();
      assertThat(s.vaultWriteToken()).isEmpty();
      assertThat(requests(source)).isEqualTo(3);
    }
  }

  @Nested
  @DisplayName("with missing items and fields")
  class Missing {

    void populate() {
      FakeConnect.Vault v = connect.vault("idfdev");
      v.item("argocd").field("present", "p").emptyField("empty");
      v.item("pull-secret").section("ghcr.io", "username", "u");
      connect.install();
    }

    StaticSecretsRequest req() {
      return request(
          env("idfdev"),
          false,
          "argocd present",
          "argocd absent",
          "argocd empty",
          "gafaelfawr one",
          "gafaelfawr two",
          "nublado three");
    }

    @Test
    @DisplayName("reports every missing item and field together in one error by default")
    void together() {
      populate();
      try (SecretSource source = source()) {
        assertThatThrownBy(() -> source.fetch(req()))
            .isInstanceOfSatisfying(
                SourceException.class,
                e -> {
                  assertThat(e.problems())
                      .extracting(Problem::toString)
                      .containsExactlyInAnyOrder(
                          "argocd/absent: item \"argocd\" has no field labelled \"absent\"",
                          "argocd/empty: field \"empty\" of item \"argocd\" has no value",
                          "item \"gafaelfawr\": no item with this title",
                          "item \"nublado\": no item with this title",
                          "item \"pull-secret\", section \"ghcr.io\": no value for field(s) [password]");
                  assertThat(e.getMessage())
                      .startsWith("cannot read static secrets from 1Password vault \"idfdev\" at ")
                      .contains("1 error, 4 missing items or fields");
                });
      }
    }

    @Test
    @DisplayName("with missing=warn, leaves them without a value and lists them in one warning")
    void warn() {
      FakeConnect.Vault v = connect.vault("idfdev");
      v.item("argocd").field("present", "p").emptyField("empty");
      connect.install();
      try (SecretSource source = source("missing", "warn")) {
        StaticSecrets s = source.fetch(req());
        assertThat(s.values()).containsOnlyKeys(SecretRef.of("argocd", "present"));
        assertThat(s.warnings()).hasSize(1);
        assertThat(s.warnings().get(0))
            .contains("lacks 4 item(s) or field(s); those static secrets fall back to the store")
            .contains("argocd/absent", "argocd/empty", "item \"gafaelfawr\"", "item \"nublado\"");
      }
    }
  }

  @Test
  @DisplayName("an invalid base64 value is a clear error naming the secret, never the value")
  void invalidBase64() {
    FakeConnect.Vault v = connect.vault("idfdev");
    v.item("app").field("cert", "not*base64!-secretish").field("ok", b64("fine"));
    connect.install();
    try (SecretSource source = source()) {
      StaticSecretsRequest req =
          new StaticSecretsRequest(
              env("idfdev"),
              List.of(secret("app", "cert", true), secret("app", "ok", true)),
              false);
      assertThatThrownBy(() -> source.fetch(req))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(
              "app/cert: onepassword.encoded is set but the value in item \"app\" is not valid"
                  + " base64 of UTF-8 text")
          .hasMessageNotContaining("secretish")
          .hasMessageNotContaining("app/ok");
    }
  }

  @Nested
  @DisplayName("titles")
  class Titles {

    @Test
    @DisplayName("no vault with the title and several vaults with it are different errors")
    void vaultCount() {
      connect.vault("twice");
      connect.vault("twice");
      connect.vault("other");
      connect.install();
      try (SecretSource source = source()) {
        assertThatThrownBy(() -> source.fetch(request(env("missing"), false, "a b")))
            .isInstanceOf(SourceException.class)
            .hasMessageStartingWith("no 1Password vault titled \"missing\" is visible")
            .hasMessageContaining("visible vaults: [\"other\", \"twice\", \"twice\"]");
        assertThatThrownBy(() -> source.fetch(request(env("twice"), false, "a b")))
            .isInstanceOf(SourceException.class)
            .hasMessageStartingWith("2 1Password vaults are titled \"twice\"")
            .hasMessageContaining("titles must be unique");
        assertThat(connect.count("/v1/vaults")).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("several items with an application's title are an error naming it")
    void itemCount() {
      FakeConnect.Vault v = connect.vault("idfdev");
      v.item("app").field("k", "1");
      v.item("app").field("k", "2");
      v.item("pull-secret");
      v.item("pull-secret");
      connect.install();
      try (SecretSource source = source()) {
        assertThatThrownBy(() -> source.fetch(request(env("idfdev"), false, "app k")))
            .isInstanceOfSatisfying(
                SourceException.class,
                e ->
                    assertThat(e.problems())
                        .extracting(Problem::subject)
                        .containsExactly("item \"app\"", "item \"pull-secret\""));
      }
    }

    @Test
    @DisplayName("titles with quotes and backslashes match exactly, without a SCIM filter")
    void quotes() {
      String title = "RSP \"idf\\dev\" vault";
      connect.vault("RSP \"idf\\dev\\\" vault");
      connect.vault("RSP idfdev vault");
      FakeConnect.Vault v = connect.vault(title);
      v.item("app").field("key", "value");
      connect.install();
      try (SecretSource source = source()) {
        StaticSecrets s = source.fetch(request(env(title), false, "app key"));
        assertThat(s.value(SecretRef.of("app", "key"))).contains(SecretValue.of("value"));
        assertThat(connect.server().getAllServeEvents())
            .allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain("filter"));
      }
    }
  }
}

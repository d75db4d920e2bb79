package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.testkit.contract.SecretSourceContract;
import dev.phalanx.secrets.testkit.contract.SourceFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 1Password source adopts the published source contract: the kit's fixture is served by a fake
 * Connect server whose every exchange is checked against the official OpenAPI description.
 */
@DisplayName("The 1Password source meets the SecretSource contract")
class OnePasswordSourceContractTest extends SecretSourceContract {

  private static final String VAULT = "RSP contract";

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  @Override
  protected SecretSource createSource(SourceFixture fixture) {
    FakeConnect.Vault vault = connect.vault(VAULT);
    Map<String, FakeConnect.Item> items = new LinkedHashMap<>();
    for (Map.Entry<SecretRef, SecretValue> e : fixture.values().entrySet()) {
      items
          .computeIfAbsent(e.getKey().application(), vault::item)
          .field(e.getKey().key(), e.getValue().reveal());
    }
    FakeConnect.Item clients = vault.item("oidc-clients");
    for (OidcClient c : fixture.oidcClients()) {
      clients.section(
          c.name(), "id", c.id(), "secret", c.secret().reveal(), "return_uri", c.returnUri());
    }
    FakeConnect.Item pull = vault.item("pull-secret");
    fixture
        .registries()
        .forEach(
            (host, r) ->
                pull.section(host, "username", r.username(), "password", r.password().reveal()));
    vault.item("vault-write-token").field("vault-token", fixture.vaultWriteToken().reveal());
    connect.install();
    // The kit asks for one secret the backend lacks: with missing=warn it is simply absent.
    return Requests.source("connect-url", connect.url(), "vault-title", VAULT, "missing", "warn");
  }
}

package dev.phalanx.secrets.tests.vault;

import dev.phalanx.secrets.testkit.contract.SyncScenarioContract;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/**
 * The audit and sync scenario kit against Vault (OpenBao dev server, KV v2): every scenario on a
 * fresh, empty path of its own.
 */
@OpenBao(shared = true)
@DisplayName("Audit and sync scenarios on Vault (OpenBao)")
class VaultStoreScenariosIT extends SyncScenarioContract<VaultSecretStore> {

  private final OpenBaoServer server;

  VaultStoreScenariosIT(OpenBaoServer server) {
    this.server = server;
  }

  @Override
  protected VaultSecretStore createStore() {
    return VaultFixtures.store(
        server, "secret/scenarios/" + VaultFixtures.random(12), env, Map.of());
  }
}

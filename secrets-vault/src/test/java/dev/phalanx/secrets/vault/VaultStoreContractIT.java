package dev.phalanx.secrets.vault;

import static dev.phalanx.secrets.vault.TestStores.uniquePrefix;

import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.testkit.contract.SecretStoreContract;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/** The Vault store adopts the published store contract, against a real OpenBao dev server. */
@OpenBao(shared = true)
@DisplayName("VaultSecretStore meets the SecretStore contract (real OpenBao)")
class VaultStoreContractIT extends SecretStoreContract<VaultSecretStore> {

  private final OpenBaoServer server;
  private final Map<VaultSecretStore, String> prefixes = new IdentityHashMap<>();

  VaultStoreContractIT(OpenBaoServer server) {
    this.server = server;
  }

  @Override
  protected VaultSecretStore createStore() {
    String prefix = uniquePrefix("contract");
    VaultSecretStore store = TestStores.store(server, prefix, server.rootToken());
    prefixes.put(store, prefix);
    return store;
  }

  /** {@code secret/it/x} + app → {@code secret/<kind>/it/x/app}. */
  private String path(VaultSecretStore store, String kind, String application) {
    String prefix = prefixes.get(store);
    int slash = prefix.indexOf('/');
    return prefix.substring(0, slash) + "/" + kind + prefix.substring(slash) + "/" + application;
  }

  @Override
  protected boolean softDelete(VaultSecretStore store, String application) {
    server.call("DELETE", path(store, "data", application), null);
    return true;
  }

  @Override
  protected boolean destroy(VaultSecretStore store, String application) {
    long version = store.read(application).map(StoredApplication::version).orElseThrow();
    server.call("POST", path(store, "destroy", application), "{\"versions\":[" + version + "]}");
    return true;
  }

  @Override
  protected int concurrentWriters() {
    return 4;
  }
}

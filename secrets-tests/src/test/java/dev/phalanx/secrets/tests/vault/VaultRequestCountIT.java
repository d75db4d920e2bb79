package dev.phalanx.secrets.tests.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoreGroup;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.tests.bench.VaultSyncBenchmark;
import dev.phalanx.secrets.vault.VaultSecretStore;
import dev.phalanx.secrets.vault.VaultSecretStoreProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request counts of the engine against OpenBao, counted by a WireMock proxy: an audit of N
 * applications is one LIST plus one read per application; a no-op sync is two such reads (plan and
 * nothing to apply); a first sync adds one write per application.
 */
@OpenBao(shared = true)
class VaultRequestCountIT {

  static final int N = 20;

  private final OpenBaoServer server;

  VaultRequestCountIT(OpenBaoServer server) {
    this.server = server;
  }

  @Test
  void auditIsOneListPlusOneReadPerApplication(@TempDir Path dir) {
    VaultSyncBenchmark.Bench bench =
        VaultSyncBenchmark.Bench.load(VaultSyncBenchmark.tree(dir, N), N);
    try (VaultSyncBenchmark.Proxy proxy =
        new VaultSyncBenchmark.Proxy(server.address().toString(), 0)) {
      VaultSyncBenchmark.Measured[] m =
          VaultSyncBenchmark.run(bench, proxy.url(), server.rootToken(), "secret/count/n20", proxy);
      assertThat(m[0].changes()).isEqualTo(N);
      assertThat(m[0].requests()).as("first sync: read 1 + N, then N writes").isEqualTo(1 + N + N);
      assertThat(m[1].requests()).as("audit").isEqualTo(1 + N);
      assertThat(m[2].changes()).isZero();
      assertThat(m[2].requests()).as("second sync").isEqualTo(1 + N);
    }
  }

  /**
   * Environments audited together (the fleet) on one server and token share a connection: its one
   * KV version check serves them all, and each audit is still 1 + N. Without the group each store
   * checks the mount itself.
   */
  @Test
  void storesOfAGroupShareOneSession(@TempDir Path dir) {
    VaultSyncBenchmark.Bench bench =
        VaultSyncBenchmark.Bench.load(VaultSyncBenchmark.tree(dir, N), N);
    List<String> prefixes = List.of("secret/count/a", "secret/count/b", "secret/count/c");
    try (VaultSyncBenchmark.Proxy proxy =
        new VaultSyncBenchmark.Proxy(server.address().toString(), 0)) {
      for (String prefix : prefixes) {
        try (VaultSecretStore store =
            VaultFixtures.store(server, prefix, bench.env(), Map.of("token-renewal", "false"))) {
          bench.engine().sync(bench.env(), bench.statics(), store, SyncOptions.defaults());
        }
      }
      for (boolean grouped : new boolean[] {true, false}) {
        proxy.reset();
        StoreGroup group =
            grouped
                ? new VaultSecretStoreProvider().group()
                : StoreGroup.unshared(new VaultSecretStoreProvider());
        try (group) {
          for (String prefix : prefixes) {
            Map<String, String> options = new HashMap<>();
            options.put("vault-url", proxy.url());
            options.put("token-renewal", "false");
            try (SecretStore store =
                group.create(
                    new StoreConfig(
                        prefix,
                        options,
                        Map.of("vault-token", server.rootToken()),
                        bench.env().settings()))) {
              assertThat(bench.engine().audit(bench.env(), bench.statics(), store).isClean())
                  .isTrue();
            }
          }
        }
        int checks = grouped ? 1 : prefixes.size();
        assertThat(proxy.requests())
            .as(grouped ? "grouped" : "one connection each")
            .isEqualTo(checks + prefixes.size() * (1 + N));
      }
    }
  }
}

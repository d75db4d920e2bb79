package dev.phalanx.secrets.tests.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.tests.bench.VaultSyncBenchmark;
import java.nio.file.Path;
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
}

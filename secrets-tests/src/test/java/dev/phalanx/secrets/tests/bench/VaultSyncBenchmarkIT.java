package dev.phalanx.secrets.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark of issue 5: runs only with {@code -Dphalanx.benchmark=true}; prints a Markdown
 * table and writes it to {@code target/benchmark-engine-vault.md}. Not timed: nothing is asserted
 * about durations.
 */
@OpenBao
class VaultSyncBenchmarkIT {

  static final int DELAY_MS = 20;
  static final int CONCURRENCY = 16;

  private final OpenBaoServer server;

  VaultSyncBenchmarkIT(OpenBaoServer server) {
    this.server = server;
  }

  @Test
  void benchmark(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("phalanx.benchmark"), "benchmark not requested");
    StringBuilder table = new StringBuilder();
    table.append(
        "| N | path | operation | wall | requests | writes | floor ceil(req/16)×20 ms |"
            + " wall/floor |\n|---:|---|---|---:|---:|---:|---:|---:|\n");
    for (int n : new int[] {100, 1000}) {
      VaultSyncBenchmark.Bench bench =
          VaultSyncBenchmark.Bench.load(VaultSyncBenchmark.tree(dir.resolve("n" + n), n), n);
      VaultSyncBenchmark.Measured[] direct =
          VaultSyncBenchmark.run(
              bench, server.address().toString(), server.rootToken(), "secret/direct/n" + n, null);
      VaultSyncBenchmark.Measured[] proxied;
      try (VaultSyncBenchmark.Proxy proxy =
          new VaultSyncBenchmark.Proxy(server.address().toString(), DELAY_MS)) {
        proxied =
            VaultSyncBenchmark.run(
                bench, proxy.url(), server.rootToken(), "secret/proxied/n" + n, proxy);
      }
      assertThat(proxied[1].requests()).isEqualTo(1 + n);
      for (VaultSyncBenchmark.Measured m : direct) {
        table.append(
            String.format(
                "| %d | direct | %s | %d ms | (as proxied) | %d | | |%n",
                n, m.operation(), m.millis(), m.changes()));
      }
      for (VaultSyncBenchmark.Measured m : proxied) {
        long floor = (long) Math.ceil(m.requests() / (double) CONCURRENCY) * DELAY_MS;
        table.append(
            String.format(
                "| %d | proxy +%d ms | %s | %d ms | %d | %d | %d ms | %.2f |%n",
                n,
                DELAY_MS,
                m.operation(),
                m.millis(),
                m.requests(),
                m.changes(),
                floor,
                m.millis() / (double) floor));
      }
    }
    System.out.print(table);
    Files.writeString(
        Path.of("target", "benchmark-engine-vault.md"), table.toString(), StandardCharsets.UTF_8);
  }
}

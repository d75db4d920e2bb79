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

  private static void row(
      StringBuilder table, int n, String path, VaultSyncBenchmark.Measured m, int requests) {
    long floor = (long) Math.ceil(requests / (double) CONCURRENCY) * DELAY_MS;
    table.append(
        String.format(
            "| %d | %s | %s | %d ms | %d | %d | %d ms | %.2f |%n",
            n,
            path,
            m.operation(),
            m.millis(),
            requests,
            m.changes(),
            floor,
            m.millis() / (double) floor));
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
      // The same operations through a TCP proxy that only delays (as the CLI benchmarks'
      // delay_proxy.py): WireMock's proxy parses each request and forwards it over a connection
      // of its own, which costs CPU on the same two cores and adds to every round trip. Requests
      // are counted in the WireMock run (the operations send the same ones).
      VaultSyncBenchmark.Measured[] delayed;
      try (DelayProxy proxy = new DelayProxy(server.address().getPort(), DELAY_MS)) {
        delayed =
            VaultSyncBenchmark.run(
                bench, proxy.url(), server.rootToken(), "secret/delayed/n" + n, null);
      }
      for (VaultSyncBenchmark.Measured m : direct) {
        table.append(
            String.format(
                "| %d | direct | %s | %d ms | (as proxied) | %d | | |%n",
                n, m.operation(), m.millis(), m.changes()));
      }
      for (int i = 0; i < proxied.length; i++) {
        row(table, n, "WireMock proxy +" + DELAY_MS + " ms", proxied[i], proxied[i].requests());
      }
      for (int i = 0; i < delayed.length; i++) {
        row(table, n, "TCP delay +" + DELAY_MS + " ms", delayed[i], proxied[i].requests());
      }
    }
    System.out.print(table);
    Files.writeString(
        Path.of("target", "benchmark-engine-vault.md"), table.toString(), StandardCharsets.UTF_8);
  }
}

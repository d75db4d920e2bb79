package dev.phalanx.secrets.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Wall time and request counts of listApplications and readAll against a real OpenBao dev server.
 * Runs only with {@code -Dphalanx.benchmark=true}; writes {@code target/benchmark-vault.md}.
 * Requests are counted from the client's TRACE log lines ({@code "<METHOD> <path> -> <status>"}).
 */
@OpenBao
class VaultReadAllBenchmarkIT {

  private final OpenBaoServer server;

  VaultReadAllBenchmarkIT(OpenBaoServer server) {
    this.server = server;
  }

  @Test
  void benchmark() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("phalanx.benchmark"), "benchmark not requested");
    StringBuilder report = new StringBuilder();
    report.append(
        "| apps | operation | concurrency | requests | wall time (median of 5) |\n"
            + "|---:|---|---:|---:|---:|\n");
    for (int n : new int[] {100, 1000}) {
      String prefix = "secret/bench/n" + n;
      List<String> names = new ArrayList<>();
      try (VaultSecretStore store = TestStores.store(server, prefix, server.rootToken())) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
          String name = String.format("app-%04d", i);
          names.add(name);
          store.write(
              name,
              TestStores.data("password", "p" + i, "token", "t" + i, "url", "https://x/" + i),
              new WriteCondition.CreateOnly());
        }
        row(report, n, "write (sequential, cas=0)", 1, n, (System.nanoTime() - start) / 1e6);
      }
      for (int concurrency : new int[] {1, 4, 16, 32}) {
        try (VaultSecretStore store =
            TestStores.store(
                server,
                prefix,
                server.rootToken(),
                Map.of("concurrency", Integer.toString(concurrency)),
                Map.of())) {
          store.readAll(names); // warm-up (connections)
          double[] list = new double[5];
          double[] read = new double[5];
          int listRequests = 0;
          int readRequests = 0;
          for (int run = 0; run < 5; run++) {
            Counted<SortedSet<String>> l = counted(store::listApplications);
            assertThat(l.value).hasSize(n);
            list[run] = l.millis;
            listRequests = l.requests;
            Counted<Map<String, StoredApplication>> r = counted(() -> store.readAll(names));
            assertThat(r.value).hasSize(n);
            read[run] = r.millis;
            readRequests = r.requests;
          }
          row(report, n, "listApplications", concurrency, listRequests, median(list));
          row(report, n, "readAll", concurrency, readRequests, median(read));
        }
      }
    }
    Path out = Path.of("target", "benchmark-vault.md");
    Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
  }

  private static void row(StringBuilder b, int n, String op, int c, int requests, double millis) {
    b.append(String.format("| %d | %s | %d | %d | %.0f ms |%n", n, op, c, requests, millis));
  }

  private static double median(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy[copy.length / 2];
  }

  private static final class Counted<T> {
    T value;
    double millis;
    int requests;
  }

  private static <T> Counted<T> counted(Supplier<T> call) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    Counted<T> c = new Counted<>();
    try {
      long start = System.nanoTime();
      c.value = call.get();
      c.millis = (System.nanoTime() - start) / 1e6;
    } finally {
      System.setErr(original);
    }
    c.requests =
        (int)
            buffer
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("VaultClient - ") && l.contains(" -> "))
                .count();
    return c;
  }
}

package dev.phalanx.secrets.tests.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.tests.vault.VaultFixtures;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine against Vault at scale: a synthetic tree of N applications, each with three {@code
 * password} secrets and one static secret, synced and audited against OpenBao directly or through a
 * WireMock proxy that adds a fixed delay per request and counts requests in its journal.
 */
public final class VaultSyncBenchmark {

  /** The fewest requests the untimed warm-up audits send before the timed ones. */
  static final int WARM_UP_REQUESTS = 3000;

  /** The environment of the synthetic tree. */
  public static final String ENV = "bench";

  private VaultSyncBenchmark() {}

  /**
   * Writes a synthetic tree.
   *
   * @param root the directory
   * @param n the number of applications
   * @return the tree
   */
  public static Path tree(Path root, int n) {
    try {
      StringBuilder enabled = new StringBuilder();
      for (int i = 0; i < n; i++) {
        String app = app(i);
        Path dir = Files.createDirectories(root.resolve("applications").resolve(app));
        Files.writeString(
            dir.resolve("Chart.yaml"),
            "apiVersion: v2\nname: " + app + "\nversion: 1.0.0\ndescription: synthetic\n",
            StandardCharsets.UTF_8);
        StringBuilder secrets = new StringBuilder();
        for (String key : new String[] {"db-password", "redis-password", "session-key"}) {
          secrets
              .append(key)
              .append(":\n  description: >-\n    A generated password.\n")
              .append("  generate:\n    type: password\n");
        }
        secrets.append("api-token:\n  description: >-\n    A static token.\n");
        Files.writeString(dir.resolve("secrets.yaml"), secrets, StandardCharsets.UTF_8);
        enabled.append("  ").append(app).append(": true\n");
      }
      Path envs = Files.createDirectories(root.resolve("environments"));
      Files.writeString(
          envs.resolve("values.yaml"),
          "name: \"\"\nfqdn: \"\"\nvaultUrl: \"https://vault.invalid/\"\nvaultPathPrefix: \"\"\n"
              + "applications:\n"
              + enabled,
          StandardCharsets.UTF_8);
      Files.writeString(
          envs.resolve("values-" + ENV + ".yaml"),
          "name: \"" + ENV + "\"\nfqdn: \"bench.local\"\nvaultPathPrefix: \"secret/bench\"\n",
          StandardCharsets.UTF_8);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String app(int i) {
    return String.format("app-%04d", i);
  }

  /** A loaded synthetic environment with its static values. */
  public record Bench(PhalanxEnvironment env, StaticSecrets statics, SecretsEngine engine, int n) {

    /**
     * Loads the tree.
     *
     * @param root the tree written by {@link #tree}
     * @param n its number of applications
     * @return the bench
     */
    public static Bench load(Path root, int n) {
      Providers providers = Providers.load();
      PhalanxEnvironment env = PhalanxConfig.open(root, providers).environment(ENV);
      StaticSecrets.Builder b = StaticSecrets.builder();
      for (int i = 0; i < n; i++) {
        b.value(new SecretRef(app(i), "api-token"), SecretValue.of("token-" + i));
      }
      // As the CLI writes to Vault (16 at a time); -Dphalanx.benchmark.write-concurrency=1 for the
      // sequential figures of earlier runs.
      int writes = Integer.getInteger("phalanx.benchmark.write-concurrency", 16);
      return new Bench(
          env,
          b.build(),
          SecretsEngine.builder().generators(providers).writeConcurrency(writes).build(),
          n);
    }
  }

  /** A WireMock proxy in front of OpenBao, adding a delay per request. */
  public static final class Proxy implements AutoCloseable {
    private final WireMockServer wm;

    /**
     * Starts it.
     *
     * @param target the OpenBao URL
     * @param delayMillis the delay added to every request
     */
    public Proxy(String target, int delayMillis) {
      wm =
          new WireMockServer(
              options()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(128)
                  .asynchronousResponseEnabled(true)
                  .asynchronousResponseThreads(64));
      wm.start();
      wm.stubFor(
          any(anyUrl()).willReturn(aResponse().proxiedFrom(target).withFixedDelay(delayMillis)));
    }

    /**
     * The proxy URL.
     *
     * @return the URL
     */
    public String url() {
      return wm.baseUrl();
    }

    /** Clears the request journal. */
    public void reset() {
      wm.resetRequests();
    }

    /**
     * Requests since the last {@link #reset()}.
     *
     * @return the count
     */
    public int requests() {
      return wm.getAllServeEvents().size();
    }

    @Override
    public void close() {
      wm.stop();
    }
  }

  /** One measured operation. */
  public record Measured(String operation, long millis, int requests, int changes) {}

  /**
   * Runs first sync, audit, second sync on an empty prefix and measures them.
   *
   * @param bench the environment
   * @param url the server (or proxy) URL
   * @param token the token
   * @param prefix a fresh {@code <mount>/<path>}
   * @param proxy the counting proxy, or null when going direct
   * @return the three measurements
   */
  public static Measured[] run(
      Bench bench, String url, SecretValue token, String prefix, Proxy proxy) {
    try (VaultSecretStore store = VaultFixtures.store(url, token, prefix, bench.env(), Map.of())) {
      store.read("warm-up"); // log in, open a connection
      Measured first =
          measure(
              "first sync",
              proxy,
              () -> {
                SyncResult r =
                    bench
                        .engine()
                        .sync(
                            bench.env(),
                            bench.statics(),
                            store,
                            SyncOptions.defaults(),
                            SyncListener.NONE);
                return r.applied().size();
              });
      // The audit is repeated: untimed warm-up runs, then the median of 7. The warm-up sends at
      // least WARM_UP_REQUESTS requests (at least 3 audits), so that the proxy and the client are
      // compiled whatever N is: after 3 audits of 100 applications (303 requests) a proxied read
      // still took 30 ms at the median against 22 ms once warm (BENCHMARKS.md, issue 13).
      int warmUps = Math.max(3, (WARM_UP_REQUESTS + bench.n()) / (bench.n() + 1));
      for (int i = 0; i < warmUps; i++) {
        bench.engine().audit(bench.env(), bench.statics(), store, SyncOptions.defaults());
      }
      Measured[] audits = new Measured[7];
      for (int i = 0; i < audits.length; i++) {
        audits[i] =
            measure(
                "audit (median of 7, warm)",
                proxy,
                () -> {
                  AuditReport r =
                      bench
                          .engine()
                          .audit(bench.env(), bench.statics(), store, SyncOptions.defaults());
                  if (!r.isClean()) {
                    throw new AssertionError("audit not clean:\n" + r.toText());
                  }
                  return 0;
                });
      }
      Arrays.sort(audits, Comparator.comparingLong(Measured::millis));
      Measured audit = audits[audits.length / 2];
      Measured second =
          measure(
              "second sync (no-op)",
              proxy,
              () -> {
                SyncResult r =
                    bench
                        .engine()
                        .sync(
                            bench.env(),
                            bench.statics(),
                            store,
                            SyncOptions.defaults(),
                            SyncListener.NONE);
                return r.applied().size();
              });
      return new Measured[] {first, audit, second};
    }
  }

  private static Measured measure(String operation, Proxy proxy, Supplier<Integer> call) {
    if (proxy != null) {
      proxy.reset();
    }
    long start = System.nanoTime();
    int changes = call.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Measured(operation, millis, proxy == null ? -1 : proxy.requests(), changes);
  }
}

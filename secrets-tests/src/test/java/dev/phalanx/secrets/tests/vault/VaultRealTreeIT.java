package dev.phalanx.secrets.tests.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every environment of the real Phalanx tree synced into a real OpenBao dev server through the
 * engine: first sync writes, audit is then clean, a second sync writes nothing (KV metadata
 * versions unchanged). Environments run {@value #PARALLEL} at a time (bcrypt cost 15 dominates).
 */
@OpenBao(shared = true)
class VaultRealTreeIT {

  static final int PARALLEL = 3;

  /** Seven copies of non-required secrets make these applications unresolvable. */
  static final Map<String, List<String>> EXCLUDE =
      Map.of(
          "usdf-rapid-analysis", List.of("rapid-analysis"),
          "usdfdev", List.of("rubintv"),
          "usdfprod", List.of("rubintv"),
          "usdfint", List.of("consdb", "consdbtap"));

  /**
   * Environments whose second sync is run even in the quick mode ({@code
   * -Dphalanx.vault.quick=true}): the four with exclusions and the largest. By default every
   * environment gets its second sync. Every resolution verifies argocd's bcrypt hash (cost 15,
   * about 4 s of CPU), so the second sync of all 24 adds about a minute on 2 cores.
   */
  static final Set<String> RESYNC =
      Set.of(
          "base",
          "idfdev",
          "minikube",
          "summit",
          "usdf-rapid-analysis",
          "usdfdev",
          "usdfint",
          "usdfprod");

  private final OpenBaoServer server;

  VaultRealTreeIT(OpenBaoServer server) {
    this.server = server;
  }

  record Outcome(
      String env, int secrets, int written, long syncMs, long auditMs, long resyncMs, int apps) {}

  @Test
  void everyEnvironmentSyncsAuditsCleanAndResyncsWithoutWrites(@TempDir Path dir) throws Exception {
    Providers providers = Providers.load();
    PhalanxConfig config = PhalanxConfig.open(VaultFixtures.realTree(), providers);
    List<String> names = config.environmentNames();
    assertThat(names).hasSize(24);
    Map<String, PhalanxEnvironment> envs = new TreeMap<>();
    for (String name : names) {
      envs.put(name, config.environment(name));
    }
    SecretsEngine engine = SecretsEngine.builder().generators(providers).build();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<Future<Outcome>> futures = new ArrayList<>();
    try {
      for (PhalanxEnvironment env : envs.values()) {
        futures.add(pool.submit(() -> run(engine, env, dir)));
      }
      List<Outcome> outcomes = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          failures.add(String.valueOf(e.getCause()));
        }
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      StringBuilder report = new StringBuilder();
      report.append(
          String.format(
              "real tree into OpenBao: %d environments, %d at a time, wall %d ms%n",
              outcomes.size(), PARALLEL, wall));
      for (Outcome o : outcomes) {
        report.append(
            String.format(
                "  %-28s secrets %4d apps %3d writes %3d  sync %6d ms  audit %6d ms  resync %6d"
                    + " ms%n",
                o.env(),
                o.secrets(),
                o.apps(),
                o.written(),
                o.syncMs(),
                o.auditMs(),
                o.resyncMs()));
      }
      System.out.print(report);
      assertThat(failures).isEmpty();
      assertThat(outcomes).hasSize(24);
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome run(SecretsEngine engine, PhalanxEnvironment env, Path dir) {
    String prefix = "secret/phalanx/" + env.name();
    Path file =
        VaultFixtures.filledStaticFile(env, dir.resolve(env.name() + "-statics.yaml"), null);
    StaticSecrets statics = VaultFixtures.statics(env, file);
    SyncOptions options =
        SyncOptions.defaults().withExclude(EXCLUDE.getOrDefault(env.name(), List.of()));
    try (VaultSecretStore store = VaultFixtures.store(server, prefix, env, Map.of())) {
      long t0 = System.nanoTime();
      SyncResult first = engine.sync(env, statics, store, options, SyncListener.NONE);
      long t1 = System.nanoTime();
      assertThat(first.applied()).as(env.name() + " first sync").isNotEmpty();
      AuditReport audit = engine.audit(env, statics, store, options);
      long t2 = System.nanoTime();
      assertThat(audit.isClean()).as(env.name() + " audit:\n" + audit.toText()).isTrue();
      assertThat(audit.problems()).as(env.name() + " problems").isEmpty();
      Map<String, Long> before = VaultFixtures.versions(server, prefix);
      Map<String, Long> snapshot =
          store.snapshot(List.of()).values().stream()
              .collect(
                  Collectors.toMap(
                      StoredApplication::application,
                      StoredApplication::version,
                      (a, b) -> a,
                      TreeMap::new));
      assertThat(snapshot).as(env.name() + " store versions").isEqualTo(before);
      assertThat(before.values())
          .as(env.name() + " every application written once")
          .containsOnly(1L);
      if (!RESYNC.contains(env.name()) && Boolean.getBoolean("phalanx.vault.quick")) {
        return new Outcome(
            env.name(),
            env.secrets().size(),
            first.applied().size(),
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            -1,
            before.size());
      }
      long t3 = System.nanoTime();
      SyncResult second = engine.sync(env, statics, store, options, SyncListener.NONE);
      long t4 = System.nanoTime();
      assertThat(second.applied()).as(env.name() + " second sync").isEmpty();
      assertThat(VaultFixtures.versions(server, prefix))
          .as(env.name() + " versions after the second sync")
          .isEqualTo(before);
      return new Outcome(
          env.name(),
          env.secrets().size(),
          first.applied().size(),
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (t4 - t3) / 1_000_000,
          before.size());
    }
  }
}

package dev.phalanx.secrets.tests.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
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
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example environment through the engine into OpenBao: concurrent syncs, cas_required. */
@OpenBao(shared = true)
class VaultEngineExampleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PhalanxEnvironment env;
  private static StaticSecrets statics;
  private static SecretsEngine engine;

  private final OpenBaoServer server;

  VaultEngineExampleIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  static void load() {
    Providers providers = Providers.load();
    env = PhalanxConfig.open(VaultFixtures.exampleTree(), providers).environment("example");
    statics =
        VaultFixtures.statics(
            env, VaultFixtures.exampleTree().resolveSibling("static-secrets.yaml"));
    engine = SecretsEngine.builder().generators(providers).build();
  }

  /**
   * {@code sync --delete} soft-deletes an unknown application as Phalanx does (history kept), and a
   * later sync re-creates an application whose latest version was soft-deleted (check-and-set on
   * the deleted version), after which the audit is clean and a further sync writes nothing.
   */
  @Test
  void deleteIsSoftAndRecreatingWorks() {
    String prefix = "secret/softdelete/example";
    String path = prefix.substring("secret/".length());
    try (VaultSecretStore store = VaultFixtures.store(server, prefix, env, Map.of())) {
      engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      server.call(
          "POST",
          prefix.replace("secret/", "secret/data/") + "/old-app",
          "{\"data\":{\"k\":\"v\"}}");
      SyncResult deleted =
          engine.sync(
              env, statics, store, SyncOptions.defaults().withDelete(true), SyncListener.NONE);
      assertThat(deleted.applied()).isNotEmpty();
      OpenBaoServer.Response meta =
          server.call("GET", "secret/metadata/" + path + "/old-app", null);
      assertThat(meta.status()).as("metadata and history kept after sync --delete").isEqualTo(200);
      assertThat(store.read("old-app").orElseThrow().state())
          .isEqualTo(StoredApplication.State.DELETED);

      // An application of the environment soft-deleted out of band is re-created by the next sync.
      long before = store.read("argocd").orElseThrow().version();
      server.call("DELETE", "secret/data/" + path + "/argocd", null);
      engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      StoredApplication argocd = store.read("argocd").orElseThrow();
      assertThat(argocd.isPresent()).isTrue();
      assertThat(argocd.version()).isEqualTo(before + 1);
      AuditReport audit = engine.audit(env, statics, store, SyncOptions.defaults());
      assertThat(audit.isClean()).as(audit.toText()).isTrue();
      assertThat(
              engine
                  .sync(
                      env,
                      statics,
                      store,
                      SyncOptions.defaults().withDelete(true),
                      SyncListener.NONE)
                  .applied())
          .isEmpty();
    }
  }

  /**
   * Two syncs of one environment into one path, started together, several times: both succeed, the
   * audit is clean, every copy equals its source and every generated value was written once.
   */
  @Test
  void twoConcurrentSyncsLoseNoUpdate() throws Exception {
    AtomicInteger replans = new AtomicInteger();
    SyncListener counting =
        new SyncListener() {
          @Override
          public void replanning(String application, int round) {
            replans.incrementAndGet();
          }
        };
    for (int round = 0; round < 4; round++) {
      String prefix = "secret/race/r" + round;
      CountDownLatch ready = new CountDownLatch(2);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<SyncResult>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          results.add(
              pool.submit(
                  () -> {
                    try (VaultSecretStore store =
                        VaultFixtures.store(server, prefix, env, Map.of())) {
                      store.listApplications(); // log in and connect before the start line
                      ready.countDown();
                      go.await();
                      return engine.sync(env, statics, store, SyncOptions.defaults(), counting);
                    }
                  }));
        }
        ready.await();
        go.countDown();
        for (Future<SyncResult> f : results) {
          assertThat(f.get().rounds()).isBetween(1, 5);
        }
      } finally {
        pool.shutdownNow();
      }
      try (VaultSecretStore store = VaultFixtures.store(server, prefix, env, Map.of())) {
        AuditReport audit = engine.audit(env, statics, store, SyncOptions.defaults());
        assertThat(audit.isClean()).as(audit.toText()).isTrue();
        Map<String, StoredApplication> stored = store.snapshot(List.of());
        for (Secret secret : env.secrets()) {
          if (secret instanceof CopySecret copy) {
            assertThat(stored.get(secret.application()).data().get(secret.key()))
                .as("copy " + secret.ref() + " of " + copy.from())
                .isEqualTo(stored.get(copy.from().application()).data().get(copy.from().key()));
          }
        }
        Map<String, Long> versions = VaultFixtures.versions(server, prefix);
        for (String app : generatedOnly()) {
          assertThat(versions.get(app)).as("version of generated-only " + app).isEqualTo(1L);
        }
        // Applications written more than once (copies corrected after a re-plan) still hold the
        // generated values of their first version: no generated value was replaced.
        for (Map.Entry<String, Long> v : versions.entrySet()) {
          if (v.getValue() > 1) {
            JsonNode first =
                JSON.readTree(
                        server
                            .call(
                                "GET",
                                prefix.replaceFirst("/", "/data/")
                                    + "/"
                                    + v.getKey()
                                    + "?version=1",
                                null)
                            .body())
                    .path("data")
                    .path("data");
            for (Secret s : env.secrets()) {
              if (s.application().equals(v.getKey()) && s instanceof GeneratedSecret) {
                assertThat(first.path(s.key()).asText())
                    .as("generated " + s.ref() + " unchanged since version 1")
                    .isEqualTo(stored.get(s.application()).data().get(s.key()).reveal());
              }
            }
          }
        }
        System.out.println("concurrent syncs, round " + round + ": versions " + versions);
      }
    }
    System.out.println("concurrent syncs: " + replans.get() + " re-plans over 4 rounds");
  }

  private static Set<String> generatedOnly() {
    Map<String, Boolean> apps = new TreeMap<>();
    for (Secret s : env.secrets()) {
      apps.merge(s.application(), s instanceof GeneratedSecret, Boolean::logicalAnd);
    }
    Set<String> out = new TreeSet<>();
    apps.forEach(
        (app, only) -> {
          if (only) {
            out.add(app);
          }
        });
    assertThat(out).isNotEmpty();
    return out;
  }

  /** A full sync and a no-op second sync on a KV v2 mount that requires check-and-set. */
  @Test
  void syncsOnACasRequiredMount(@TempDir Path dir) {
    VaultFixtures.mountKv2(server, "kvcas");
    server.casRequired("kvcas", true);
    OpenBaoServer.Response config = server.call("GET", "kvcas/config", null);
    assertThat(config.body()).contains("\"cas_required\":true");
    String prefix = "kvcas/phalanx/example";
    try (VaultSecretStore store = VaultFixtures.store(server, prefix, env, Map.of())) {
      SyncResult first =
          engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      assertThat(first.applied()).isNotEmpty();
      AuditReport audit = engine.audit(env, statics, store, SyncOptions.defaults());
      assertThat(audit.isClean()).as(audit.toText()).isTrue();
      Map<String, Long> before = VaultFixtures.versions(server, prefix);
      assertThat(before).hasSize(first.applied().size());
      SyncResult second =
          engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      assertThat(second.applied()).isEmpty();
      assertThat(VaultFixtures.versions(server, prefix)).isEqualTo(before);
      // A changed static value is an update under CAS too.
      StaticSecrets changed =
          StaticSecrets.builder()
              .value(
                  new SecretRef("mobu", "app-alert-webhook"),
                  SecretValue.of("https://hooks.slack.invalid/changed"))
              .build()
              .orElse(statics);
      SyncResult third =
          engine.sync(env, changed, store, SyncOptions.defaults(), SyncListener.NONE);
      assertThat(third.applied()).isNotEmpty();
      assertThat(VaultFixtures.versions(server, prefix).get("mobu")).isEqualTo(2L);
    }
  }
}

package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testing.MapStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's audit, plan and sync on a small environment, a map store and fake generators: the
 * unit tests that make {@code ./mvnw -pl secrets-core test} catch an engine regression.
 */
@DisplayName("The engine")
class SecretsEngineTest {

  static final SecretRef OIDC = SecretRef.of("gafaelfawr", "oidc");
  static final SecretRef PULL = SecretRef.of("pull-secret", ".dockerconfigjson");
  static final SecretRef PLAIN = SecretRef.of("argocd", "plain");

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  EngineFixture.TestClock clock;
  MapStore store;
  StaticSecrets statics;

  /** Every application, in write order: sources of copies before their copies. */
  static final List<String> ALL_APPS =
      List.of("argocd", "mobu", "postgres", "gafaelfawr", "pull-secret");

  @BeforeEach
  void setUp() {
    env = demo(new EngineFixture.Tree(dir)).environment("demo");
    clock = new EngineFixture.TestClock();
    engine = EngineFixture.engine(clock);
    store = new MapStore();
    statics = source().build();
  }

  static EngineFixture.Tree demo(EngineFixture.Tree tree) {
    return tree.app(
            "demo",
            "argocd",
            "plain:\n  description: d\n  generate:\n    type: password\n"
                + "hash:\n  description: d\n  generate:\n    type: hash\n    source: plain\n"
                + "mtime:\n  description: d\n  generate:\n    type: mtime\n    source: plain\n")
        .app(
            "demo",
            "gafaelfawr",
            "slack:\n  description: d\n  copy:\n    application: mobu\n    key: webhook\n"
                + "db:\n  description: d\n  copy:\n    application: postgres\n    key: pw\n"
                + "oidc:\n  description: d\n  generate:\n    type: oidc-clients\n"
                + "region:\n  description: d\n  value: us-east-1\n")
        .app(
            "demo",
            "mobu",
            "webhook:\n  description: d\n"
                + "token:\n  description: d\n  generate:\n    type: password\n")
        .app("demo", "postgres", "pw:\n  description: d\n  generate:\n    type: password\n");
  }

  static StaticSecrets.Builder source() {
    return EngineFixture.statics("mobu/webhook", "https://hook")
        .oidcClient(EngineFixture.client("portal"))
        .pullSecret(EngineFixture.pull("ghcr.io", "bot", "token"));
  }

  SyncResult sync(SyncOptions options) {
    return sync(statics, options);
  }

  SyncResult sync(StaticSecrets given, SyncOptions options) {
    return engine.sync(env, given, store, options, SyncListener.NONE);
  }

  AuditReport audit() {
    return engine.audit(env, statics, store, SyncOptions.defaults());
  }

  static List<String> apps(List<PlannedOperation> ops) {
    return ops.stream().map(PlannedOperation::application).toList();
  }

  Map<String, Map<String, String>> synced() {
    sync(SyncOptions.defaults());
    store.reset();
    clock.advanceMinutes(5);
    return store.values();
  }

  @Nested
  @DisplayName("on a fresh store")
  class Fresh {

    @Test
    @DisplayName("audits every secret missing with 1 + N reads")
    void auditMissing() {
      AuditReport audit = audit();
      assertThat(audit.missing()).hasSize(11);
      assertThat(audit.missing().get(0))
          .isEqualTo(
              new AuditReport.Entry(
                  SecretRef.of("argocd", "hash"), "generated (not in the store)"));
      assertThat(audit.toText()).startsWith("Missing secrets:\n• argocd hash\n");
      assertThat(store.reads())
          .as("a list and a read of each application, the pull secret's included")
          .isEqualTo(1 + 5);
    }

    @Test
    @DisplayName(
        "syncs every application once, sources before copies, with 1 + N reads and N writes")
    void freshSync() {
      SyncResult result = sync(SyncOptions.defaults());

      assertThat(apps(result.applied())).isEqualTo(ALL_APPS);
      assertThat(result.applied())
          .allMatch(op -> op.kind() == PlannedOperation.Kind.CREATE_APPLICATION);
      assertThat(store.writes()).isEqualTo(ALL_APPS);
      assertThat(store.reads())
          .as("a list and a read of each application, the pull secret's included")
          .isEqualTo(1 + 5);
      assertThat(result.rounds()).isEqualTo(1);
      Map<String, Map<String, String>> v = store.values();
      assertThat(v.get("gafaelfawr").get("slack")).isEqualTo("https://hook");
      assertThat(v.get("gafaelfawr").get("db")).isEqualTo(v.get("postgres").get("pw"));
      assertThat(v.get("gafaelfawr").get("region")).isEqualTo("us-east-1");
      assertThat(v.get("argocd").get("hash"))
          .isEqualTo("hash(" + v.get("argocd").get("plain") + ")");
      assertThat(v.get("argocd").get("mtime")).isEqualTo(EngineFixture.NOW.toString());
      assertThat(v.get("gafaelfawr").get("oidc")).contains("portal-id");
      store.reset();
      AuditReport audit = audit();
      assertThat(audit.isClean()).as(audit::toText).isTrue();
      assertThat(store.reads()).isEqualTo(1 + 5);
    }

    @Test
    @DisplayName("a second sync writes nothing, with 1 + N reads")
    void secondSyncNoOp() {
      Map<String, Map<String, String>> before = synced();
      SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults());
      assertThat(plan.toText()).isEqualTo("No changes.\n");
      store.reset();
      SyncResult result = sync(SyncOptions.defaults());
      assertThat(result.changed()).isFalse();
      assertThat(store.writes()).isEmpty();
      assertThat(store.reads()).isEqualTo(1 + 5);
      assertThat(store.values()).isEqualTo(before);
    }
  }

  @Nested
  @DisplayName("after a change")
  class Changes {

    @Test
    @DisplayName("a changed static value updates its application and the copies")
    void changedStatic() {
      synced();
      StaticSecrets changed =
          EngineFixture.statics("mobu/webhook", "https://new")
              .oidcClient(EngineFixture.client("portal"))
              .pullSecret(EngineFixture.pull("ghcr.io", "bot", "token"))
              .build();

      AuditReport audit = engine.audit(env, changed, store, SyncOptions.defaults());
      SyncPlan plan = engine.plan(env, changed, store, SyncOptions.defaults());

      assertThat(audit.mismatched())
          .containsExactly(
              new AuditReport.Entry(
                  SecretRef.of("gafaelfawr", "slack"), "differs from mobu/webhook"),
              new AuditReport.Entry(
                  SecretRef.of("mobu", "webhook"), "differs from the static source"));
      assertThat(plan.toText())
          .isEqualTo(
              "update application mobu\n"
                  + "  ~ webhook (changed in the static source)\n"
                  + "update application gafaelfawr\n"
                  + "  ~ slack (source mobu/webhook changed)\n");
      sync(changed, SyncOptions.defaults());
      assertThat(store.writes()).containsExactly("mobu", "gafaelfawr");
      assertThat(engine.audit(env, changed, store, SyncOptions.defaults()).isClean()).isTrue();
    }

    @Test
    @DisplayName(
        "a wrong literal, a stale hash and a changed client list are mismatches that say why")
    void reasons() {
      synced();
      store.put("gafaelfawr", "region", "eu").put("argocd", "hash", "hash(other)");
      StaticSecrets twoClients = source().oidcClient(EngineFixture.client("zeta")).build();

      AuditReport audit = engine.audit(env, twoClients, store, SyncOptions.defaults());

      assertThat(audit.mismatched())
          .extracting(AuditReport.Entry::reason)
          .containsExactly(
              "stale: hash does not match its source",
              "stale: refreshed with argocd/hash",
              "differs from the value derived from the static source",
              "differs from the literal value at "
                  + env.secretsByRef().get(SecretRef.of("gafaelfawr", "region")).spec().location());
      assertThat(engine.plan(env, twoClients, store, SyncOptions.defaults()).toText())
          .isEqualTo(
              "update application argocd\n"
                  + "  ~ hash (stale: hash does not match its source)\n"
                  + "  ~ mtime (stale: refreshed with argocd/hash)\n"
                  + "update application gafaelfawr\n"
                  + "  ~ oidc (derived from static input)\n"
                  + "  ~ region (literal changed)\n");
    }

    @Test
    @DisplayName("a refreshed mtime is written even when it falls in the stored second")
    void refreshedMtimeInSameSecond() {
      sync(SyncOptions.defaults());
      store.reset();
      String stored = store.values().get("argocd").get("mtime");
      SyncOptions regenerate =
          SyncOptions.defaults().withRegenerate(List.of(SecretRef.of("argocd", "plain")));

      assertThat(engine.plan(env, statics, store, regenerate).toText())
          .isEqualTo(
              "update application argocd\n"
                  + "  ~ hash (stale: hash does not match its source)\n"
                  + "  ~ mtime (stale: refreshed with argocd/hash)\n"
                  + "  ~ plain (regeneration requested)\n");
      sync(regenerate);
      assertThat(store.values().get("argocd").get("mtime")).isEqualTo(stored);
      assertThat(audit().isClean()).isTrue();
    }

    @Test
    @DisplayName("unknown keys are kept without --delete and deleted with it")
    void unknown() {
      synced();
      store.put("argocd", "obsolete", "x").put("old-app", "key", "y");
      store.reset();

      assertThat(audit().toText())
          .isEqualTo("Unknown secrets in Vault:\n• argocd obsolete\n• old-app key\n");
      assertThat(audit().unknown().get(0).reason()).isEqualTo("not required in environment demo");
      assertThat(sync(SyncOptions.defaults()).changed()).isFalse();
      SyncOptions delete = SyncOptions.defaults().withDelete(true);
      assertThat(engine.plan(env, statics, store, delete).toText())
          .isEqualTo(
              "update application argocd\n"
                  + "  - obsolete (not required in environment demo)\n"
                  + "delete application old-app\n"
                  + "  - key (application not required in environment demo)\n");
      sync(delete);
      assertThat(store.writes()).containsExactly("argocd", "-old-app");
      assertThat(audit().isClean()).isTrue();
    }

    @Test
    @DisplayName("an excluded application is not written, audited or deleted")
    void exclude() {
      store.put("old-app", "key", "y");
      SyncOptions options =
          SyncOptions.defaults().withExclude(List.of("gafaelfawr", "old-app")).withDelete(true);
      sync(options);
      assertThat(store.writes()).doesNotContain("gafaelfawr", "-old-app");
      assertThat(engine.audit(env, statics, store, options).isClean()).isTrue();
      assertThat(audit().toText()).contains("• gafaelfawr region\n");
    }

    @Test
    @DisplayName("regenerating one secret refreshes what is derived from it and nothing else")
    void regenerateOne() {
      Map<String, Map<String, String>> before = synced();
      SyncOptions options = SyncOptions.defaults().withRegenerate(List.of(PLAIN));
      assertThat(engine.plan(env, statics, store, options).toText())
          .isEqualTo(
              "update application argocd\n"
                  + "  ~ hash (stale: hash does not match its source)\n"
                  + "  ~ mtime (stale: refreshed with argocd/hash)\n"
                  + "  ~ plain (regeneration requested)\n");
      sync(options);
      assertThat(store.writes()).containsExactly("argocd");
      assertThat(store.values().get("argocd").get("plain"))
          .isNotEqualTo(before.get("argocd").get("plain"));
      assertThat(audit().isClean()).isTrue();
    }

    @Test
    @DisplayName("asking to regenerate a static secret is refused before writing")
    void regenerateStatic() {
      assertThatThrownBy(
              () ->
                  sync(
                      SyncOptions.defaults()
                          .withRegenerate(List.of(SecretRef.of("mobu", "webhook")))))
          .hasMessageContaining("mobu/webhook is a static secret");
      assertThat(store.writes()).isEmpty();
    }
  }

  @Nested
  @DisplayName("the pull secret")
  class PullSecretRule {

    @Test
    @DisplayName(
        "is read with the applications, not after the listing, when the source has one (issue 13)")
    void readWithTheApplications() {
      synced();
      engine.audit(env, statics, store, SyncOptions.defaults());
      assertThat(store.snapshotApplications()).contains("pull-secret");

      StaticSecrets noPull =
          EngineFixture.statics("mobu/webhook", "https://hook")
              .oidcClient(EngineFixture.client("portal"))
              .build();
      engine.audit(env, noPull, store, SyncOptions.defaults());
      assertThat(store.snapshotApplications())
          .as("without one in the source, it is read only when listed")
          .doesNotContain("pull-secret");
      engine.sync(env, statics, store, SyncOptions.defaults());
      assertThat(store.snapshotApplications()).contains("pull-secret");
    }

    @Test
    @DisplayName("with no static source at all is left alone, even with --delete")
    void noSource() {
      Map<String, Map<String, String>> before = synced();
      assertThat(engine.audit(env, null, store, SyncOptions.defaults()).isClean()).isTrue();
      assertThat(sync(null, SyncOptions.defaults().withDelete(true)).changed()).isFalse();
      assertThat(store.values()).isEqualTo(before);
    }

    @Test
    @DisplayName(
        "absent from a given source is kept with a warning even with --delete (issue 11 item 1)")
    void absentFromSource() {
      Map<String, Map<String, String>> before = synced();
      StaticSecrets noPull =
          EngineFixture.statics("mobu/webhook", "https://hook")
              .oidcClient(EngineFixture.client("portal"))
              .build();
      String warning =
          "pull-secret/.dockerconfigjson: the static source provides no pull secret; keeping the"
              + " value the store holds (to clear it, run with --regenerate"
              + " pull-secret/.dockerconfigjson)";

      AuditReport audit = engine.audit(env, noPull, store, SyncOptions.defaults());
      SyncPlan plan = engine.plan(env, noPull, store, SyncOptions.defaults().withDelete(true));
      SyncResult result = sync(noPull, SyncOptions.defaults().withDelete(true));

      assertThat(audit.isClean()).as(audit.toText()).isTrue();
      assertThat(audit.warnings()).containsExactly(warning);
      assertThat(plan.isEmpty()).as(plan.toText()).isTrue();
      assertThat(plan.warnings()).containsExactly(warning);
      assertThat(result.warnings()).containsExactly(warning);
      assertThat(store.writes()).isEmpty();
      assertThat(store.values()).isEqualTo(before);

      SyncOptions clear = SyncOptions.defaults().withRegenerate(List.of(PULL)).withDelete(true);
      assertThat(engine.plan(env, noPull, store, clear).toText())
          .isEqualTo(
              "delete application pull-secret\n"
                  + "  - .dockerconfigjson (application not required in environment demo)\n");
      sync(noPull, clear);
      assertThat(store.values()).doesNotContainKey("pull-secret");
    }

    @Test
    @DisplayName("a changed registry is a mismatch and an update")
    void changed() {
      synced();
      StaticSecrets other =
          EngineFixture.statics("mobu/webhook", "https://hook")
              .oidcClient(EngineFixture.client("portal"))
              .pullSecret(EngineFixture.pull("ghcr.io", "bot", "new"))
              .build();
      assertThat(engine.audit(env, other, store, SyncOptions.defaults()).mismatched())
          .containsExactly(
              new AuditReport.Entry(PULL, "differs from the static source's pull secret"));
      assertThat(engine.plan(env, other, store, SyncOptions.defaults()).toText())
          .isEqualTo(
              "update application pull-secret\n"
                  + "  ~ .dockerconfigjson (pull secret from the static source)\n");
    }
  }

  @Nested
  @DisplayName("OIDC clients")
  class Oidc {

    @Test
    @DisplayName(
        "a source with no clients keeps the stored list with a warning; --regenerate clears it"
            + " (issue 11 item 1)")
    void noClients() {
      Map<String, Map<String, String>> before = synced();
      StaticSecrets none =
          EngineFixture.statics("mobu/webhook", "https://hook")
              .pullSecret(EngineFixture.pull("ghcr.io", "bot", "token"))
              .build();
      String warning =
          "gafaelfawr/oidc: the static source provides no OIDC clients; keeping the value the"
              + " store holds (to clear it, run with --regenerate gafaelfawr/oidc)";

      AuditReport audit = engine.audit(env, none, store, SyncOptions.defaults());
      SyncResult all = sync(none, SyncOptions.defaults().withRegenerateAll(true).withDelete(true));

      assertThat(audit.isClean()).as(audit.toText()).isTrue();
      assertThat(audit.warnings()).containsExactly(warning);
      assertThat(all.warnings()).containsExactly(warning);
      assertThat(store.values().get("gafaelfawr").get("oidc"))
          .isEqualTo(before.get("gafaelfawr").get("oidc"));
      Resolution r = engine.resolve(env, none, engine.read(env, store), SyncOptions.defaults());
      assertThat(r.get(OIDC).orElseThrow().reason())
          .isEqualTo(
              "derived from static input; kept from the store (the static source provides no OIDC"
                  + " clients)");

      sync(none, SyncOptions.defaults().withRegenerate(List.of(OIDC)));
      assertThat(store.values().get("gafaelfawr").get("oidc")).isEqualTo("[]");
    }

    @Test
    @DisplayName("with no static source at all the stored list is kept silently")
    void noSource() {
      Map<String, Map<String, String>> before = synced();
      AuditReport audit = engine.audit(env, null, store, SyncOptions.defaults());
      assertThat(audit.isClean()).isTrue();
      assertThat(audit.warnings()).isEmpty();
      assertThat(sync(null, SyncOptions.defaults()).changed()).isFalse();
      assertThat(store.values()).isEqualTo(before);
    }

    @Test
    @DisplayName("a fresh store with no clients gets an empty list")
    void freshEmpty() {
      StaticSecrets none = EngineFixture.statics("mobu/webhook", "https://hook").build();
      sync(none, SyncOptions.defaults());
      assertThat(store.values().get("gafaelfawr").get("oidc")).isEqualTo("[]");
    }
  }

  @Test
  @DisplayName("unresolvable secrets are all reported; plan and sync refuse before writing")
  void unresolved() {
    StaticSecrets empty = StaticSecrets.empty();
    AuditReport audit = engine.audit(env, empty, store, SyncOptions.defaults());
    assertThat(audit.problems())
        .extracting(Problem::subject, Problem::message)
        .containsExactly(
            Tuple.tuple("gafaelfawr/slack", "copies mobu/webhook, which could not be resolved"),
            Tuple.tuple(
                "mobu/webhook", "static secret has no value in the static source or the store"));
    assertThat(audit.missing())
        .contains(
            new AuditReport.Entry(
                SecretRef.of("mobu", "webhook"),
                "static secret has no value in the static source or the store"));
    assertThatThrownBy(() -> engine.plan(env, empty, store, SyncOptions.defaults()))
        .isInstanceOf(UnresolvedSecretsException.class);
    assertThatThrownBy(() -> sync(empty, SyncOptions.defaults()))
        .isInstanceOf(UnresolvedSecretsException.class);
    assertThat(store.writes()).isEmpty();
    assertThat(
            engine
                .audit(
                    env,
                    empty,
                    store,
                    SyncOptions.defaults().withExclude(List.of("mobu", "gafaelfawr")))
                .problems())
        .isEmpty();
  }

  @Nested
  @DisplayName("provenance")
  class Provenances {

    @Test
    @DisplayName("is structured: a copy names its source, a stale value its cause")
    void structured() {
      synced();
      store.put("argocd", "hash", "garbage");
      Resolution r = engine.resolve(env, statics, engine.read(env, store), SyncOptions.defaults());
      ResolvedSecret copy = r.get(SecretRef.of("gafaelfawr", "db")).orElseThrow();
      assertThat(copy.origin()).isEqualTo(Origin.COPY);
      assertThat(copy.provenance().copiedFrom()).contains(SecretRef.of("postgres", "pw"));
      ResolvedSecret hash = r.get(SecretRef.of("argocd", "hash")).orElseThrow();
      assertThat(hash.provenance().cause()).isEqualTo("hash does not match its source");
      ResolvedSecret mtime = r.get(SecretRef.of("argocd", "mtime")).orElseThrow();
      assertThat(mtime.provenance().from()).isEqualTo(SecretRef.of("argocd", "hash"));
      assertThat(r.get(PLAIN).orElseThrow().reason()).isEqualTo("generated earlier, kept");
      assertThat(r.get(PULL).orElseThrow().origin()).isEqualTo(Origin.DERIVED);
    }

    @Test
    @DisplayName("explain's value-from follows the resolver's rule (oidc-clients is derived anew)")
    void valueFrom() {
      assertThat(engine.valueFrom(env, OIDC))
          .isEqualTo(
              "derived (oidc-clients) from the static source on every run; the stored value is"
                  + " kept when there is no static source or it provides none of this input");
      assertThat(engine.valueFrom(env, PLAIN))
          .isEqualTo("generated (password); kept once stored, unless regenerated or stale");
      assertThat(engine.valueFrom(env, SecretRef.of("argocd", "hash")))
          .isEqualTo("generated (hash from plain); kept once stored, unless regenerated or stale");
      assertThat(engine.valueFrom(env, SecretRef.of("gafaelfawr", "db")))
          .isEqualTo("a copy of postgres/pw");
      assertThat(engine.valueFrom(env, SecretRef.of("gafaelfawr", "region")))
          .isEqualTo("the literal value in the spec");
      assertThat(engine.valueFrom(env, SecretRef.of("mobu", "webhook")))
          .startsWith("the static source");
    }
  }
}

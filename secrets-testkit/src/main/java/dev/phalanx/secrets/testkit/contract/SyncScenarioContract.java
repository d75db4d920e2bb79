package dev.phalanx.secrets.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.InMemorySecretSource;
import dev.phalanx.secrets.testkit.RecordingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit and sync scenario kit: every row of the design's audit and sync table (fresh sync,
 * second sync, changed static value, regeneration, unknown secrets, {@code --exclude}, the pull
 * secret, OIDC clients, unresolvable secrets, stale bcrypt hashes, the audit text, read-only
 * stores), written once and run against each {@link SecretStore}. Where {@link SecretStoreContract}
 * pins the SPI promises of a store, this kit proves that the engine over the store does what
 * Phalanx does, end to end.
 *
 * <p>The environment is {@code example} of a copy of the repository's example tree that the kit
 * ships (bcrypt cost 4). The scenarios need the standard generators ({@code
 * dev.phalanx.secrets:secrets-generators}) on the test class path: by default the kit loads them
 * with {@link Providers#load()}; override {@link #generators()} to supply another catalog that
 * offers the same types.
 *
 * <p>To adopt the kit, extend it and create a fresh, empty store per test:
 *
 * <pre>{@code
 * @DisplayName("Audit and sync scenarios on the file store")
 * class FileStoreScenariosTest extends SyncScenarioContract<SecretStore> {
 *
 *   @TempDir Path storeDir;
 *
 *   @Override
 *   protected SecretStore createStore() {
 *     return new FileSecretStoreProvider()
 *         .create(StoreConfig.of(storeDir.resolve("store.json").toString()));
 *   }
 * }
 * }</pre>
 *
 * <p>Subclasses may add their own {@code @Nested} groups using {@link #store}, {@link #engine},
 * {@link #env}, {@link #statics}, {@link #sync}, {@link #audit} and {@link #synced}.
 *
 * @param <S> the store type, so that {@link #target} has the backend's own type
 */
public abstract class SyncScenarioContract<S extends SecretStore> {

  /** Every application, in the order sync writes them: sources of copies before their copies. */
  protected static final List<String> ALL_APPS =
      List.of("argocd", "ingress-tls", "mobu", "nublado", "postgres", "gafaelfawr", "pull-secret");

  /** mobu's static webhook, copied by gafaelfawr and nublado. */
  protected static final SecretRef WEBHOOK = SecretRef.of("mobu", "app-alert-webhook");

  static final SecretRef PLAINTEXT = SecretRef.of("argocd", "admin.plaintext_password");
  static final SecretRef HASH = SecretRef.of("argocd", "admin.password");
  static final SecretRef MTIME = SecretRef.of("argocd", "admin.passwordMtime");
  static final SecretRef PULL = SecretRef.of("pull-secret", ".dockerconfigjson");
  static final SecretRef OIDC = SecretRef.of("gafaelfawr", "oidc-server-secrets");

  @TempDir @Nullable Path treeDir;

  Path root = Path.of("");
  ScenarioClock clock = new ScenarioClock(Instant.EPOCH);

  /** The {@code example} environment of the scenario tree, loaded before each test. */
  protected PhalanxEnvironment env;

  /** The engine under test, with {@link #generators()} and a clock the scenarios move. */
  protected SecretsEngine engine;

  /** The store under test, as {@link #createStore()} returned it. */
  protected S target;

  /** {@link #target} behind a recorder of its writes and deletes: what the scenarios sync. */
  protected RecordingStore store;

  /** The example static secrets, fetched from an in-memory source. */
  protected StaticSecrets statics;

  /** For subclasses. */
  protected SyncScenarioContract() {}

  /**
   * Creates the store under test: a fresh, empty store for every test. The kit closes it after the
   * test.
   *
   * @return a new, empty store of the kind under test
   */
  protected abstract S createStore();

  /**
   * The generators of the scenarios: every type of the standard generators. By default those found
   * on the class path by {@link Providers#load()}.
   *
   * @return a catalog offering the standard generator types
   */
  protected GeneratorCatalog generators() {
    return Providers.load();
  }

  @BeforeEach
  void setUpScenario() {
    root = ScenarioTree.writeTo(Objects.requireNonNull(treeDir));
    GeneratorCatalog generators = generators();
    env = PhalanxConfig.open(root, generators).environment(ScenarioTree.ENV);
    clock = new ScenarioClock(Instant.parse("2030-01-02T03:04:05Z"));
    engine = SecretsEngine.builder().generators(generators).clock(clock).build();
    target = createStore();
    store = new RecordingStore(target);
    statics = ScenarioTree.fetch(generators(), env, ScenarioTree.exampleSource().build());
  }

  @AfterEach
  void closeScenarioStore() {
    target.close();
  }

  /**
   * Syncs the example static secrets into {@link #store}.
   *
   * @param options the sync options
   * @return the result of the sync
   */
  protected SyncResult sync(SyncOptions options) {
    return sync(statics, options);
  }

  /**
   * Syncs the given static secrets into {@link #store}.
   *
   * @param given the static secrets, or {@code null} for none
   * @param options the sync options
   * @return the result of the sync
   */
  protected SyncResult sync(@Nullable StaticSecrets given, SyncOptions options) {
    return engine.sync(env, given, store, options, SyncListener.NONE);
  }

  /**
   * Audits {@link #store} against the example static secrets with the default options.
   *
   * @return the audit report
   */
  protected AuditReport audit() {
    return engine.audit(env, statics, store, SyncOptions.defaults());
  }

  /**
   * Syncs the fresh store, then forgets the writes it made and moves the clock on five minutes.
   *
   * @return every value of the store afterwards
   */
  protected Map<SecretRef, String> synced() {
    sync(SyncOptions.defaults());
    store.reset();
    clock.advance(Duration.ofMinutes(5));
    return values(store);
  }

  /**
   * Every live value of a store, revealed (test code only).
   *
   * @param from the store to read
   * @return the values by reference
   */
  protected static Map<SecretRef, String> values(SecretStore from) {
    return ScenarioTree.values(from);
  }

  static List<String> apps(SyncResult result) {
    return result.applied().stream().map(PlannedOperation::application).toList();
  }

  static List<String> apps(SyncPlan plan) {
    return plan.operations().stream().map(PlannedOperation::application).toList();
  }

  @Nested
  @DisplayName("A fresh sync")
  class FreshSync {

    @Test
    @DisplayName("writes every application exactly once, create-only, and leaves a clean audit")
    void writesEveryApplicationOnce() {
      SyncResult result = sync(SyncOptions.defaults());

      assertEquals(ALL_APPS, apps(result));
      assertTrue(
          result.applied().stream()
              .allMatch(op -> op.kind() == PlannedOperation.Kind.CREATE_APPLICATION));
      assertEquals(ALL_APPS, store.writtenApplications());
      assertTrue(
          store.writes().stream().allMatch(w -> w.condition() instanceof WriteCondition.CreateOnly),
          "a new application is written create-only");
      assertEquals(1, result.rounds());
      AuditReport audit = audit();
      assertTrue(audit.isClean(), audit::toText);
      assertEquals("", audit.toText());
    }

    @Test
    @DisplayName("stores literals, static values, copies and generated values where they belong")
    void storesEveryKind() {
      sync(SyncOptions.defaults());
      Map<SecretRef, String> v = ScenarioTree.values(store);

      Set<SecretRef> expected = new TreeSet<>(env.secretsByRef().keySet());
      expected.add(PULL);
      assertEquals(expected, v.keySet());
      assertEquals("us-east-1", v.get(SecretRef.of("nublado", "aws-region")));
      assertEquals("example-hub-db-password", v.get(SecretRef.of("nublado", "hub-db-password")));
      for (Secret s : env.secrets()) {
        if (s instanceof CopySecret copy) {
          assertEquals(v.get(copy.from()), v.get(s.ref()), s.ref() + " equals its source");
        }
      }
      assertTrue(v.get(SecretRef.of("postgres", "root-password")).matches("[0-9a-f]{64}"));
      assertTrue(v.get(HASH).startsWith("$2b$04$"));
      assertTrue(OpenBSDBCrypt.checkPassword(v.get(HASH), v.get(PLAINTEXT).toCharArray()));
      assertEquals("2030-01-02T03:04:05Z", v.get(MTIME));
    }
  }

  @Nested
  @DisplayName("A second sync")
  class SecondSync {

    @Test
    @DisplayName("writes nothing, keeps every version and has an empty plan")
    void isANoOp() {
      Map<SecretRef, String> before = synced();
      Map<String, Long> versions = ScenarioTree.versions(store);

      SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults());
      SyncResult result = sync(SyncOptions.defaults());

      assertTrue(plan.isEmpty(), plan::toText);
      assertEquals("No changes.\n", plan.toText());
      assertFalse(result.changed());
      assertEquals(List.of(), store.writes());
      assertEquals(List.of(), store.deletes());
      assertEquals(versions, ScenarioTree.versions(store));
      assertEquals(before, ScenarioTree.values(store));
    }
  }

  @Nested
  @DisplayName("A changed static value")
  class ChangedStatic {

    @Test
    @DisplayName("updates only its application and the applications that copy it")
    void updatesOnlyAffectedApplications() {
      Map<SecretRef, String> before = synced();
      Map<String, Long> versions = ScenarioTree.versions(store);
      StaticSecrets changed =
          ScenarioTree.fetch(
              generators(),
              env,
              ScenarioTree.exampleSource()
                  .value("mobu", "app-alert-webhook", "https://hooks.slack.invalid/NEW")
                  .build());

      SyncPlan plan = engine.plan(env, changed, store, SyncOptions.defaults());
      SyncResult result = sync(changed, SyncOptions.defaults());

      assertEquals(
          "update application mobu\n"
              + "  ~ app-alert-webhook (changed in the static source)\n"
              + "update application gafaelfawr\n"
              + "  ~ slack-webhook (source mobu/app-alert-webhook changed)\n"
              + "update application nublado\n"
              + "  ~ slack-webhook (source mobu/app-alert-webhook changed)\n",
          plan.toText());
      assertEquals(List.of("mobu", "gafaelfawr", "nublado"), apps(result));
      assertEquals(List.of("mobu", "gafaelfawr", "nublado"), store.writtenApplications());
      Map<SecretRef, String> after = ScenarioTree.values(store);
      for (SecretRef ref :
          List.of(
              WEBHOOK,
              SecretRef.of("gafaelfawr", "slack-webhook"),
              SecretRef.of("nublado", "slack-webhook"))) {
        assertEquals("https://hooks.slack.invalid/NEW", after.get(ref), ref.toString());
        after.remove(ref);
        before.remove(ref);
      }
      assertEquals(before, after, "nothing else changed");
      Map<String, Long> now = ScenarioTree.versions(store);
      for (String app : List.of("argocd", "ingress-tls", "postgres", "pull-secret")) {
        assertEquals(versions.get(app), now.get(app), app);
      }
      assertTrue(engine.audit(env, changed, store, SyncOptions.defaults()).isClean());
    }
  }

  @Nested
  @DisplayName("Regeneration")
  class Regeneration {

    @Test
    @DisplayName("--regenerate gives every generated secret a new value and keeps static ones")
    void regeneratesAll() {
      Map<SecretRef, String> before = synced();

      sync(SyncOptions.defaults().withRegenerateAll(true));

      Map<SecretRef, String> after = ScenarioTree.values(store);
      for (Secret s : env.secrets()) {
        boolean derived =
            s instanceof GeneratedSecret g && g.type().equals("oidc-clients")
                || s instanceof CopySecret c
                    && !(env.secretsByRef().get(c.from()) instanceof GeneratedSecret);
        if (s instanceof GeneratedSecret && !derived) {
          assertNotEquals(before.get(s.ref()), after.get(s.ref()), s.ref() + " regenerated");
        } else if (!(s instanceof CopySecret)) {
          assertEquals(before.get(s.ref()), after.get(s.ref()), s.ref() + " kept");
        }
        if (s instanceof CopySecret copy) {
          assertEquals(after.get(copy.from()), after.get(s.ref()), s.ref() + " follows its source");
        }
      }
      assertNotEquals(
          before.get(SecretRef.of("gafaelfawr", "database-password")),
          after.get(SecretRef.of("gafaelfawr", "database-password")),
          "a copy of a regenerated secret changes with it");
      assertEquals(before.get(OIDC), after.get(OIDC), "derived from static input: unchanged");
      assertEquals(before.get(PULL), after.get(PULL));
      assertEquals(clock.mtime(), after.get(MTIME));
      assertTrue(OpenBSDBCrypt.checkPassword(after.get(HASH), after.get(PLAINTEXT).toCharArray()));
      assertTrue(audit().isClean(), () -> audit().toText());
      store.reset();
      assertFalse(sync(SyncOptions.defaults()).changed(), "regeneration does not repeat");
    }

    @Test
    @DisplayName(
        "regenerating argocd's admin password refreshes its hash and mtime and nothing else")
    void regeneratesOneSecret() {
      Map<SecretRef, String> before = synced();
      SyncOptions options = SyncOptions.defaults().withRegenerate(List.of(PLAINTEXT));

      SyncPlan plan = engine.plan(env, statics, store, options);
      assertEquals(
          "update application argocd\n"
              + "  ~ admin.password (stale: hash does not match its source)\n"
              + "  ~ admin.passwordMtime (stale: refreshed with argocd/admin.password)\n"
              + "  ~ admin.plaintext_password (regeneration requested)\n",
          plan.toText());
      SyncResult result = sync(options);

      assertEquals(List.of("argocd"), apps(result));
      Map<SecretRef, String> after = ScenarioTree.values(store);
      assertNotEquals(before.get(PLAINTEXT), after.get(PLAINTEXT));
      assertTrue(OpenBSDBCrypt.checkPassword(after.get(HASH), after.get(PLAINTEXT).toCharArray()));
      assertEquals(clock.mtime(), after.get(MTIME));
      assertNotEquals(before.get(MTIME), after.get(MTIME));
      for (SecretRef ref : List.of(PLAINTEXT, HASH, MTIME)) {
        before.remove(ref);
        after.remove(ref);
      }
      assertEquals(before, after, "every other secret keeps its value");
      assertTrue(audit().isClean(), () -> audit().toText());
    }

    @Test
    @DisplayName("asking to regenerate a secret that is not generated is refused before writing")
    void refusesToRegenerateNonGenerated() {
      PhalanxSecretsException e =
          assertThrows(
              PhalanxSecretsException.class,
              () -> sync(SyncOptions.defaults().withRegenerate(List.of(WEBHOOK))));
      assertTrue(e.getMessage().contains("mobu/app-alert-webhook"), e.getMessage());
      assertEquals(List.of(), store.writes());
    }
  }

  @Nested
  @DisplayName("Unknown secrets")
  class Unknown {

    @BeforeEach
    void addUnknown() {
      synced();
      Map<String, SecretValue> argocd = new TreeMap<>(store.read("argocd").orElseThrow().data());
      argocd.put("obsolete", SecretValue.of("old"));
      store.write(
          "argocd",
          argocd,
          new WriteCondition.IfVersion(store.read("argocd").orElseThrow().version()));
      store.write("old-app", Map.of("key", SecretValue.of("old")), new WriteCondition.CreateOnly());
      store.reset();
    }

    @Test
    @DisplayName("are kept without --delete and listed by audit as unknown")
    void keptWithoutDelete() {
      assertFalse(sync(SyncOptions.defaults()).changed());
      assertEquals(List.of(), store.writes());
      AuditReport audit = audit();
      assertEquals("Unknown secrets in Vault:\n• argocd obsolete\n• old-app key\n", audit.toText());
      assertEquals(List.of(), audit.missing());
      assertEquals(List.of(), audit.mismatched());
    }

    @Test
    @DisplayName("are removed with --delete, keys and whole applications")
    void removedWithDelete() {
      SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults().withDelete(true));
      assertEquals(
          "update application argocd\n"
              + "  - obsolete (not required in environment example)\n"
              + "delete application old-app\n"
              + "  - key (application not required in environment example)\n",
          plan.toText());

      sync(SyncOptions.defaults().withDelete(true));

      assertEquals(List.of("argocd"), store.writtenApplications());
      assertEquals(List.of("old-app"), store.deletes());
      assertFalse(store.listApplications().contains("old-app"));
      assertFalse(store.read("argocd").orElseThrow().data().containsKey("obsolete"));
      assertTrue(audit().isClean(), () -> audit().toText());
    }
  }

  @Nested
  @DisplayName("--exclude")
  class Exclude {

    @Test
    @DisplayName("an excluded application is not written, not audited and not deleted")
    void excludedApplicationIsLeftAlone() {
      SyncOptions options =
          SyncOptions.defaults().withExclude(List.of("gafaelfawr", "old-app")).withDelete(true);
      store.write("old-app", Map.of("key", SecretValue.of("old")), new WriteCondition.CreateOnly());
      store.reset();

      SyncResult result = sync(options);

      assertFalse(apps(result).contains("gafaelfawr"));
      assertFalse(store.writtenApplications().contains("gafaelfawr"));
      assertEquals(List.of(), store.deletes());
      assertTrue(store.read("gafaelfawr").isEmpty());
      assertTrue(store.read("old-app").isPresent());
      assertTrue(engine.audit(env, statics, store, options).isClean());
      assertFalse(audit().isClean(), "without the exclusion gafaelfawr is missing");
      assertTrue(audit().toText().contains("• gafaelfawr redis-password\n"));

      // A wrong value in an excluded application is not reported and not fixed.
      store.write(
          "gafaelfawr",
          Map.of("redis-password", SecretValue.of("x")),
          new WriteCondition.CreateOnly());
      store.reset();
      assertTrue(engine.audit(env, statics, store, options).isClean());
      assertFalse(sync(options).changed());
      assertEquals(List.of(), store.writes());
    }
  }

  @Nested
  @DisplayName("The pull secret")
  class PullSecretScenarios {

    @Test
    @DisplayName("is stored with exactly the bytes Phalanx writes")
    void exactBytes() {
      StaticSecrets given =
          ScenarioTree.fetch(
              generators(),
              env,
              ScenarioTree.exampleSource()
                  .registry("registry.example.com", "bötuser", "pa\"ss")
                  .build());

      sync(given, SyncOptions.defaults());

      String auth1 = base64("example:example-registry-token");
      String auth2 = base64("bötuser:pa\"ss");
      assertEquals(
          "{\"auths\": {\"ghcr.io\": {\"auth\": \""
              + auth1
              + "\", \"username\": \"example\", \"password\": \"example-registry-token\"},"
              + " \"registry.example.com\": {\"auth\": \""
              + auth2
              + "\", \"username\": \"b\\u00f6tuser\", \"password\": \"pa\\\"ss\"}}}",
          ScenarioTree.values(store).get(PULL));
      assertTrue(engine.audit(env, given, store, SyncOptions.defaults()).isClean());
    }

    @Test
    @DisplayName(
        "absent from a given source is kept with a warning, even with --delete; cleared only when"
            + " asked")
    void absentFromSource() {
      Map<SecretRef, String> before = synced();
      StaticSecrets noPull =
          ScenarioTree.fetch(
              generators(),
              env,
              InMemorySecretSource.builder()
                  .value("argocd", "dex.clientSecret", "example-dex-client-secret")
                  .value("gafaelfawr", "cilogon-client-secret", "example-cilogon-secret")
                  .value(
                      "mobu", "app-alert-webhook", "https://hooks.slack.invalid/services/EXAMPLE")
                  .value("nublado", "hub-db-password", "example-hub-db-password")
                  .oidcClient(
                      "example-client",
                      "example-client-id",
                      "example-client-secret",
                      "https://example.local/callback")
                  .build());
      String warning =
          "pull-secret/.dockerconfigjson: the static source provides no pull secret; keeping the"
              + " value the store holds (to clear it, run with --regenerate"
              + " pull-secret/.dockerconfigjson)";

      // Issue 11 item 1: a source without registries never empties what the store holds.
      AuditReport audit = engine.audit(env, noPull, store, SyncOptions.defaults());
      assertTrue(audit.isClean(), audit::toText);
      assertTrue(audit.warnings().contains(warning), audit.warnings().toString());
      SyncResult kept = sync(noPull, SyncOptions.defaults().withDelete(true));
      assertFalse(kept.changed());
      assertTrue(kept.warnings().contains(warning), kept.warnings().toString());
      assertEquals(List.of(), store.deletes());
      assertEquals(before.get(PULL), ScenarioTree.values(store).get(PULL));

      SyncOptions clear = SyncOptions.defaults().withRegenerate(List.of(PULL));
      assertEquals(
          "Unknown secrets in Vault:\n• pull-secret .dockerconfigjson\n",
          engine.audit(env, noPull, store, clear).toText());
      assertFalse(sync(noPull, clear).changed(), "without --delete it stays");
      sync(noPull, clear.withDelete(true));

      assertEquals(List.of("pull-secret"), store.deletes());
      // Deleted: absent, or (a versioned store such as Vault) a soft-deleted latest version.
      assertTrue(store.read("pull-secret").filter(a -> a.isPresent()).isEmpty());
      assertTrue(engine.audit(env, noPull, store, SyncOptions.defaults()).isClean());
    }

    @Test
    @DisplayName("with no static source at all is left alone, even with --delete")
    void noSource() {
      Map<SecretRef, String> before = synced();

      AuditReport audit = engine.audit(env, null, store, SyncOptions.defaults());
      SyncResult result = sync(null, SyncOptions.defaults().withDelete(true));

      assertTrue(audit.isClean(), audit::toText);
      assertFalse(result.changed());
      assertEquals(List.of(), store.writes());
      assertEquals(List.of(), store.deletes());
      assertEquals(before, ScenarioTree.values(store));
    }
  }

  @Nested
  @DisplayName("OIDC clients")
  class OidcClients {

    StaticSecrets twoClients() {
      return ScenarioTree.fetch(
          generators(),
          env,
          ScenarioTree.exampleSource()
              .oidcClient("zeta", "z-id", "z-secret", "https://z.example/cb")
              .oidcClient("alpha", "a-id", "a-s\u00e9cret", "https://a.example/cb")
              .build());
    }

    @Test
    @DisplayName("are stored as Phalanx's exact JSON, ordered by client name")
    void exactBytes() {
      sync(twoClients(), SyncOptions.defaults());

      assertEquals(
          "[{\"id\": \"a-id\", \"secret\": \"a-s\\u00e9cret\", \"return_uri\":"
              + " \"https://a.example/cb\"}, {\"id\": \"example-client-id\", \"secret\":"
              + " \"example-client-secret\", \"return_uri\": \"https://example.local/callback\"},"
              + " {\"id\": \"z-id\", \"secret\": \"z-secret\", \"return_uri\":"
              + " \"https://z.example/cb\"}]",
          ScenarioTree.values(store).get(OIDC));
    }

    @Test
    @DisplayName(
        "a source with no OIDC clients keeps the stored list with a warning; --regenerate clears"
            + " it")
    void noClientsKeepsStored() {
      Map<SecretRef, String> before = synced();
      StaticSecrets noClients =
          ScenarioTree.fetch(
              generators(),
              env,
              InMemorySecretSource.builder()
                  .value("argocd", "dex.clientSecret", "example-dex-client-secret")
                  .value("gafaelfawr", "cilogon-client-secret", "example-cilogon-secret")
                  .value(
                      "mobu", "app-alert-webhook", "https://hooks.slack.invalid/services/EXAMPLE")
                  .value("nublado", "hub-db-password", "example-hub-db-password")
                  .registry("ghcr.io", "example", "example-registry-token")
                  .build());
      String warning =
          "gafaelfawr/oidc-server-secrets: the static source provides no OIDC clients; keeping"
              + " the value the store holds (to clear it, run with --regenerate"
              + " gafaelfawr/oidc-server-secrets)";

      // Issue 11 item 1: the stored clients are not rewritten to [] without a word.
      AuditReport audit = engine.audit(env, noClients, store, SyncOptions.defaults());
      assertTrue(audit.isClean(), audit::toText);
      assertEquals(List.of(warning), audit.warnings());
      SyncPlan plan = engine.plan(env, noClients, store, SyncOptions.defaults().withDelete(true));
      assertTrue(plan.isEmpty(), plan::toText);
      assertEquals(List.of(warning), plan.warnings());
      SyncResult kept = sync(noClients, SyncOptions.defaults().withRegenerateAll(true));
      assertEquals(List.of(warning), kept.warnings());
      assertEquals(before.get(OIDC), ScenarioTree.values(store).get(OIDC));
      store.reset();

      sync(noClients, SyncOptions.defaults().withRegenerate(List.of(OIDC)));

      assertEquals(List.of("gafaelfawr"), store.writtenApplications());
      assertEquals("[]", ScenarioTree.values(store).get(OIDC));
    }

    @Test
    @DisplayName("equal JSON with other spacing in the store is not rewritten")
    void equalJsonIsNotRewritten() {
      StaticSecrets given = twoClients();
      sync(given, SyncOptions.defaults());
      Map<String, SecretValue> gafaelfawr =
          new TreeMap<>(store.read("gafaelfawr").orElseThrow().data());
      String compact =
          "[ {\"id\":\"a-id\",\"secret\":\"a-s\u00e9cret\",\"return_uri\":\"https://a.example/cb\"},\n"
              + "{\"return_uri\":\"https://example.local/callback\",\"id\":\"example-client-id\","
              + "\"secret\":\"example-client-secret\"},"
              + "{\"id\":\"z-id\",\"secret\":\"z-secret\",\"return_uri\":\"https://z.example/cb\"}]";
      gafaelfawr.put("oidc-server-secrets", SecretValue.of(compact));
      store.write(
          "gafaelfawr",
          gafaelfawr,
          new WriteCondition.IfVersion(store.read("gafaelfawr").orElseThrow().version()));
      store.reset();

      assertTrue(engine.audit(env, given, store, SyncOptions.defaults()).isClean());
      assertFalse(sync(given, SyncOptions.defaults()).changed());
      assertEquals(List.of(), store.writes());
      assertEquals(compact, ScenarioTree.values(store).get(OIDC));

      // A real change is written.
      StaticSecrets changed =
          ScenarioTree.fetch(generators(), env, ScenarioTree.exampleSource().build());
      sync(changed, SyncOptions.defaults());
      assertEquals(List.of("gafaelfawr"), store.writtenApplications());
    }
  }

  @Nested
  @DisplayName("Unresolvable secrets")
  class Unresolvable {

    @Test
    @DisplayName("a missing static, a copy of a non-required secret and a cycle fail together")
    void allReportedAtOnce() {
      ScenarioTree.write(
          root.resolve("applications/broken/Chart.yaml"),
          "apiVersion: v2\nname: broken\nversion: 1.0.0\n");
      ScenarioTree.write(
          root.resolve("applications/broken/secrets.yaml"),
          "no-value:\n  description: A static secret nobody has.\n"
              + "copy-of-nothing:\n  copy:\n    application: gafaelfawr\n    key: other\n"
              + "cycle-a:\n  copy:\n    application: broken\n    key: cycle-b\n"
              + "cycle-b:\n  copy:\n    application: broken\n    key: cycle-a\n"
              + "copies-cycle:\n  copy:\n    application: broken\n    key: cycle-a\n");
      ScenarioTree.replace(
          root.resolve("environments/values-example.yaml"),
          "  ingress-tls: true\n",
          "  broken: true\n  ingress-tls: true\n");
      ScenarioTree.replace(
          root.resolve("applications/gafaelfawr/secrets.yaml"),
          "slack-webhook:\n",
          "other:\n  description: Never required.\n  if: never.set\nslack-webhook:\n");
      env = PhalanxConfig.open(root, generators()).environment(ScenarioTree.ENV);
      statics = ScenarioTree.fetch(generators(), env, ScenarioTree.exampleSource().build());

      UnresolvedSecretsException e =
          assertThrows(UnresolvedSecretsException.class, () -> sync(SyncOptions.defaults()));

      Map<String, String> problems =
          e.problems().stream().collect(Collectors.toMap(Problem::subject, Problem::message));
      assertEquals(
          Set.of(
              "broken/no-value",
              "broken/copy-of-nothing",
              "broken/cycle-a",
              "broken/cycle-b",
              "broken/copies-cycle"),
          problems.keySet(),
          e.getMessage());
      assertEquals(
          "static secret has no value in the static source or the store",
          problems.get("broken/no-value"));
      assertEquals(
          "copies gafaelfawr/other, which is not required in environment example",
          problems.get("broken/copy-of-nothing"));
      assertTrue(problems.get("broken/cycle-a").contains("cycle"), problems.get("broken/cycle-a"));
      assertTrue(e.getMessage().startsWith("5 secrets could not be resolved:"), e.getMessage());
      assertEquals(List.of(), store.writes(), "nothing written");
      assertEquals(Set.of(), store.listApplications());
      assertThrows(
          UnresolvedSecretsException.class,
          () -> engine.plan(env, statics, store, SyncOptions.defaults()));
      AuditReport audit = audit();
      assertEquals(5, audit.problems().size());
      assertTrue(
          audit.missing().stream()
              .anyMatch(m -> m.ref().equals(SecretRef.of("broken", "cycle-a"))));
    }
  }

  @Nested
  @DisplayName("A stale bcrypt hash")
  class StaleBcrypt {

    @Test
    @DisplayName("is a mismatch that says stale, and sync replaces it and refreshes the mtime")
    void isDetectedAndFixed() {
      Map<SecretRef, String> before = synced();
      Map<String, SecretValue> argocd = new TreeMap<>(store.read("argocd").orElseThrow().data());
      argocd.put(
          "admin.password",
          SecretValue.of(OpenBSDBCrypt.generate("2b", "another".toCharArray(), new byte[16], 4)));
      store.write(
          "argocd",
          argocd,
          new WriteCondition.IfVersion(store.read("argocd").orElseThrow().version()));
      store.reset();

      AuditReport audit = audit();

      assertEquals(
          "Secrets that do not have their expected value:\n"
              + "• argocd admin.password\n"
              + "• argocd admin.passwordMtime\n",
          audit.toText());
      assertEquals("stale: hash does not match its source", audit.mismatched().get(0).reason());
      assertTrue(audit.mismatched().get(1).reason().contains("stale"));

      sync(SyncOptions.defaults());

      assertEquals(List.of("argocd"), store.writtenApplications());
      Map<SecretRef, String> after = ScenarioTree.values(store);
      assertTrue(OpenBSDBCrypt.checkPassword(after.get(HASH), after.get(PLAINTEXT).toCharArray()));
      assertEquals(before.get(PLAINTEXT), after.get(PLAINTEXT));
      assertEquals(clock.mtime(), after.get(MTIME));
      assertNotEquals(before.get(MTIME), after.get(MTIME));
      assertTrue(audit().isClean(), () -> audit().toText());
    }

    @Test
    @DisplayName("that is not a bcrypt hash at all is stale too")
    void garbageIsStale() {
      synced();
      Map<String, SecretValue> argocd = new TreeMap<>(store.read("argocd").orElseThrow().data());
      argocd.put("admin.password", SecretValue.of("not a hash"));
      store.write(
          "argocd",
          argocd,
          new WriteCondition.IfVersion(store.read("argocd").orElseThrow().version()));

      AuditReport audit = audit();
      assertEquals("stale: stored value is not a bcrypt hash", audit.mismatched().get(0).reason());
      sync(SyncOptions.defaults());
      assertTrue(audit().isClean(), () -> audit().toText());
    }
  }

  @Nested
  @DisplayName("The audit report")
  class AuditText {

    @Test
    @DisplayName("lists missing, mismatched and unknown secrets exactly in Phalanx's format")
    void fullFormat() {
      synced();
      Map<String, SecretValue> mobu = new TreeMap<>(store.read("mobu").orElseThrow().data());
      mobu.put("app-alert-webhook", SecretValue.of("https://wrong"));
      store.write(
          "mobu", mobu, new WriteCondition.IfVersion(store.read("mobu").orElseThrow().version()));
      Map<String, SecretValue> postgres =
          new TreeMap<>(store.read("postgres").orElseThrow().data());
      postgres.remove("root-password");
      store.write(
          "postgres",
          postgres,
          new WriteCondition.IfVersion(store.read("postgres").orElseThrow().version()));
      store.write(
          "zz-old",
          Map.of("b", SecretValue.of("1"), "a", SecretValue.of("2")),
          new WriteCondition.CreateOnly());

      AuditReport audit = audit();

      assertEquals(
          "Missing secrets:\n"
              + "• postgres root-password\n"
              + "\n"
              + "Secrets that do not have their expected value:\n"
              + "• mobu app-alert-webhook\n"
              + "\n"
              + "Unknown secrets in Vault:\n"
              + "• zz-old a\n"
              + "• zz-old b\n",
          audit.toText());
      assertEquals("differs from the static source", audit.mismatched().get(0).reason());
    }
  }

  @Nested
  @DisplayName("A read-only store")
  class ReadOnly {

    @Test
    @DisplayName("is refused with a clear error before anything is written")
    void refused() {
      store.readOnly();
      PhalanxSecretsException e =
          assertThrows(PhalanxSecretsException.class, () -> sync(SyncOptions.defaults()));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertEquals(List.of(), store.writes());
      assertEquals(Set.of(), store.listApplications());
      assertFalse(audit().isClean(), "audit still works on a read-only store");
    }
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

package dev.phalanx.secrets.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.VerificationMemo;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audit's report holds no values, so it never pays for a slow fresh value (a bcrypt hash at cost
 * 15 takes seconds) that nothing else reads: a fleet audit of environments not yet synced spent 94
 * % of its CPU generating bcrypt hashes and RSA keys it then threw away. Plan and sync still
 * compute them (a plan carries the values it would write).
 */
@DisplayName("Audit computes no fresh value its report cannot need; the report is unchanged")
class AuditComputesNoFreshValuesTest {

  @TempDir Path dir;

  PhalanxEnvironment env;
  StaticSecrets statics;
  VerificationMemoTest.Counting generators;

  @BeforeEach
  void setUp() {
    env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    statics = Fixtures.fetch(env, Fixtures.exampleSource().build());
    generators = new VerificationMemoTest.Counting(Fixtures.PROVIDERS);
  }

  SecretsEngine engine() {
    return SecretsEngine.builder()
        .generators(generators)
        .verificationMemo(VerificationMemo.none())
        .build();
  }

  @Test
  @DisplayName("an empty store: the hash is reported missing, and no hash was computed")
  void missingIsNotGenerated() {
    InMemorySecretStore empty = InMemorySecretStore.create();
    AuditReport report = engine().audit(env, statics, empty, SyncOptions.defaults());
    assertThat(report.missing())
        .extracting(AuditReport.Entry::ref)
        .contains(VerificationMemoTest.HASH);
    assertThat(generators.generations.get()).isZero();

    SyncPlan plan = engine().plan(env, statics, empty, SyncOptions.defaults());
    assertThat(plan.isEmpty()).isFalse();
    assertThat(generators.generations.get()).isPositive(); // a plan holds what it would write
  }

  @Test
  @DisplayName("a stale hash is still found and reported with its reason, without computing one")
  void staleIsNotRegenerated() {
    InMemorySecretStore store = InMemorySecretStore.create();
    engine().sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
    StoredApplication argocd = store.read("argocd").orElseThrow();
    Map<String, SecretValue> data = new HashMap<>(argocd.data());
    data.put(VerificationMemoTest.SOURCE.key(), SecretValue.of("a-new-admin-password"));
    store.write("argocd", data, WriteCondition.replacing(argocd));
    generators.generations.set(0);
    generators.checks.set(0);

    AuditReport report = engine().audit(env, statics, store, SyncOptions.defaults());
    assertThat(report.mismatched())
        .filteredOn(e -> e.ref().equals(VerificationMemoTest.HASH))
        .extracting(AuditReport.Entry::reason)
        .containsExactly("stale: hash does not match its source");
    assertThat(generators.checks.get()).isEqualTo(1);
    assertThat(generators.generations.get()).isZero();
  }

  @Test
  @DisplayName("with --regenerate the audit reports the same as before, without computing it")
  void regenerateReportsTheSame() {
    InMemorySecretStore store = InMemorySecretStore.create();
    engine().sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
    generators.generations.set(0);
    SyncOptions regenerate =
        SyncOptions.defaults().withRegenerate(Set.of(VerificationMemoTest.HASH));
    AuditReport report = engine().audit(env, statics, store, regenerate);
    assertThat(report.mismatched())
        .extracting(AuditReport.Entry::ref)
        .contains(VerificationMemoTest.HASH);
    assertThat(generators.generations.get()).isZero();
  }
}

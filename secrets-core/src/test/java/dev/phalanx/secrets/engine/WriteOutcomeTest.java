package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testing.MapStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 12: every write ends as written, not written or unknown; a failed write is settled
 * by reading it back, and only a real check-and-set conflict is called one.
 */
@DisplayName("Write outcomes after faults")
class WriteOutcomeTest {

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  MapStore store;
  StaticSecrets statics;
  final List<String> replanned = new ArrayList<>();
  final SyncListener listener =
      new SyncListener() {
        @Override
        public void replanning(String application, int round) {
          replanned.add(application + "@" + round);
        }
      };

  @BeforeEach
  void setUp() {
    env = SecretsEngineTest.demo(new EngineFixture.Tree(dir)).environment("demo");
    engine = EngineFixture.engine();
    store = new MapStore();
    statics = SecretsEngineTest.source().build();
  }

  SyncResult sync() {
    return engine.sync(env, statics, store, SyncOptions.defaults(), listener);
  }

  SyncFailedException failingSync() {
    return catchThrowableOfType(SyncFailedException.class, this::sync);
  }

  boolean clean() {
    return engine.audit(env, statics, store, SyncOptions.defaults()).isClean();
  }

  @Test
  @DisplayName("a write whose response is lost but that landed counts as written; sync goes on")
  void lostResponse() {
    store.fault("postgres", MapStore.Fault.LOSE_RESPONSE);

    SyncResult result = sync();

    assertThat(SecretsEngineTest.apps(result.applied())).isEqualTo(SecretsEngineTest.ALL_APPS);
    assertThat(result.rounds()).isEqualTo(1);
    assertThat(replanned).isEmpty();
    assertThat(store.writes()).isEqualTo(SecretsEngineTest.ALL_APPS);
    assertThat(clean()).isTrue();
  }

  @Test
  @DisplayName("a retried write refused because its first attempt landed is not a conflict")
  void conflictAfterOwnWrite() {
    store.fault("postgres", MapStore.Fault.CONFLICT_AFTER_WRITE);

    SyncResult result = sync();

    assertThat(result.rounds()).isEqualTo(1);
    assertThat(replanned).as("no concurrency was blamed").isEmpty();
    assertThat(store.writes()).isEqualTo(SecretsEngineTest.ALL_APPS);
    assertThat(clean()).isTrue();
  }

  @Test
  @DisplayName("a write that may have landed and cannot be read back is reported unknown")
  void unknownOutcome() {
    store.fault("postgres", MapStore.Fault.LOSE_RESPONSE_AND_READS);

    SyncFailedException e = failingSync();

    assertThat(e.written()).containsExactly("argocd", "mobu");
    assertThat(e.unknown()).containsExactly("postgres");
    assertThat(e.notWritten()).containsExactly("gafaelfawr", "pull-secret");
    assertThat(e.getMessage())
        .isEqualTo(
            "sync stopped: writing application postgres failed: injected: response to postgres"
                + " lost (and reading it back failed too)\n"
                + "  written: argocd, mobu\n"
                + "  not written: gafaelfawr, pull-secret\n"
                + "  unknown (the store could not be read back): postgres\n"
                + "  running sync again continues from here")
        .doesNotContain("concurrent");
  }

  @Test
  @DisplayName("a write refused before landing is not written, and a re-run converges")
  void notWritten() {
    store.fault("postgres", MapStore.Fault.FAIL);

    SyncFailedException e = failingSync();

    assertThat(e.written()).containsExactly("argocd", "mobu");
    assertThat(e.notWritten()).containsExactly("postgres", "gafaelfawr", "pull-secret");
    assertThat(e.unknown()).isEmpty();
    assertThat(store.values().keySet()).containsExactly("argocd", "mobu");
    store.reset();
    SyncResult rerun = sync();
    assertThat(SecretsEngineTest.apps(rerun.applied()))
        .containsExactly("postgres", "gafaelfawr", "pull-secret");
    assertThat(clean()).isTrue();
  }

  @Test
  @DisplayName("conflicts on every round name what was not written, never '(none)'")
  void conflictsEveryRound() {
    store.fault("gafaelfawr", MapStore.Fault.ALWAYS_CONFLICT);

    SyncFailedException e = failingSync();

    assertThat(e.getMessage()).contains("concurrent changes kept conflicting after 5 rounds");
    assertThat(e.written()).containsExactly("argocd", "mobu", "postgres");
    assertThat(e.notWritten()).containsExactly("gafaelfawr", "pull-secret");
    assertThat(replanned)
        .containsExactly("gafaelfawr@2", "gafaelfawr@3", "gafaelfawr@4", "gafaelfawr@5");
  }

  @Test
  @DisplayName("apply settles a lost response the same way (one apply loop)")
  void applySettles() {
    SyncPlan plan = engine.plan(env, statics, store, SyncOptions.defaults());
    store.fault("mobu", MapStore.Fault.LOSE_RESPONSE).fault("postgres", MapStore.Fault.FAIL);

    SyncFailedException e =
        catchThrowableOfType(SyncFailedException.class, () -> engine.apply(store, plan));

    assertThat(e.written()).containsExactly("argocd", "mobu");
    assertThat(e.notWritten()).containsExactly("postgres", "gafaelfawr", "pull-secret");
  }

  @Test
  @DisplayName(
      "concurrent writes keep copy-dependency layers, the request counts and exact reporting"
          + " (issue 13 goal 2)")
  void concurrentLayers() {
    SecretsEngine concurrent =
        SecretsEngine.builder()
            .generators(EngineFixture.GENERATORS)
            .clock(new EngineFixture.TestClock())
            .writeConcurrency(16)
            .build();

    SyncResult result = concurrent.sync(env, statics, store, SyncOptions.defaults(), listener);

    assertThat(SecretsEngineTest.apps(result.applied()))
        .as("layer by layer, each in plan order")
        .containsExactly("argocd", "mobu", "postgres", "pull-secret", "gafaelfawr");
    assertThat(store.writes())
        .hasSize(5)
        .containsExactlyInAnyOrderElementsOf(SecretsEngineTest.ALL_APPS);
    assertThat(store.writes().indexOf("gafaelfawr"))
        .as("the copies are written after mobu and postgres")
        .isGreaterThan(store.writes().indexOf("mobu"))
        .isGreaterThan(store.writes().indexOf("postgres"));
    assertThat(store.reads())
        .as("a list and a read of each application, the pull secret's included")
        .isEqualTo(1 + 5);
    assertThat(clean()).isTrue();

    // A failure in a layer: the rest of the layer finishes and is reported written.
    MapStore other = new MapStore().fault("postgres", MapStore.Fault.FAIL);
    SyncFailedException e =
        catchThrowableOfType(
            SyncFailedException.class,
            () -> concurrent.sync(env, statics, other, SyncOptions.defaults(), listener));
    assertThat(e.written()).containsExactly("argocd", "mobu", "pull-secret");
    assertThat(e.notWritten()).containsExactly("postgres", "gafaelfawr");
    assertThat(other.values().keySet()).containsExactly("argocd", "mobu", "pull-secret");
    assertThat(concurrent.sync(env, statics, other, SyncOptions.defaults(), listener).applied())
        .extracting(PlannedOperation::application)
        .containsExactly("postgres", "gafaelfawr");
  }

  @Test
  @DisplayName("a lost response to a delete that landed counts as deleted")
  void lostDelete() {
    sync();
    store.put("old-app", "key", "x").fault("old-app", MapStore.Fault.LOSE_RESPONSE);
    SyncResult result =
        engine.sync(env, statics, store, SyncOptions.defaults().withDelete(true), listener);
    assertThat(SecretsEngineTest.apps(result.applied())).containsExactly("old-app");
    assertThat(store.values()).doesNotContainKey("old-app");
  }
}

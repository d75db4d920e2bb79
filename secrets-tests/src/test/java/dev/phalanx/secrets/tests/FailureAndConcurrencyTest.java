package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.engine.Resolution;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.FaultyStore;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import dev.phalanx.secrets.testkit.RecordingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Sync under failures and concurrency")
class FailureAndConcurrencyTest {

  /** The store kinds every test runs against. */
  enum Kind {
    MEMORY,
    FILE
  }

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  StaticSecrets statics;

  @BeforeEach
  void setUp() {
    env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    engine = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
    statics = Fixtures.fetch(env, Fixtures.exampleSource().build());
  }

  SecretStore newStore(Kind kind) {
    return switch (kind) {
      case MEMORY -> InMemorySecretStore.create();
      case FILE ->
          new FileSecretStoreProvider()
              .create(
                  StoreConfig.of(dir.resolve("store-" + System.nanoTime() + ".json").toString()));
    };
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName(
      "a write failing part-way names exactly what was and was not written; a re-run converges")
  void failingWrite(Kind kind) {
    RecordingStore store = new RecordingStore(newStore(kind)).failWriteNumber(3);

    SyncFailedException e =
        assertThrows(
            SyncFailedException.class,
            () -> engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE));

    assertEquals(List.of("argocd", "ingress-tls"), e.written());
    assertEquals(
        List.of("mobu", "nublado", "postgres", "gafaelfawr", "pull-secret"), e.notWritten());
    assertEquals(Set.of("argocd", "ingress-tls"), store.listApplications());
    assertEquals(
        "sync stopped: writing application mobu failed: injected failure writing application"
            + " mobu\n"
            + "  written: argocd, ingress-tls\n"
            + "  not written: mobu, nublado, postgres, gafaelfawr, pull-secret\n"
            + "  running sync again continues from here",
        e.getMessage());

    SyncResult rerun = engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);

    // Sources of copies are written before their copies, so nothing written so far refers to a
    // value that never reached the store: the re-run writes exactly what was not written, each
    // application once and create-only.
    assertEquals(e.notWritten(), rerun.applied().stream().map(op -> op.application()).toList());
    assertTrue(
        rerun.applied().stream()
            .allMatch(op -> op.kind() == PlannedOperation.Kind.CREATE_APPLICATION));
    AuditReport audit = engine.audit(env, statics, store, SyncOptions.defaults());
    assertTrue(audit.isClean(), audit::toText);
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName(
      "a lost write response is settled by reading back: reported written, no conflict blamed"
          + " (issue 11 item 12)")
  void lostResponse(Kind kind) {
    FaultyStore faulty = FaultyStore.wrap(newStore(kind)).loseResponseOnce("mobu").build();
    RecordingStore store = new RecordingStore(faulty);
    List<String> replanned = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void replanning(String application, int round) {
            replanned.add(application);
          }
        };

    SyncResult result = engine.sync(env, statics, store, SyncOptions.defaults(), listener);

    assertEquals(
        List.of(
            "argocd", "ingress-tls", "mobu", "nublado", "postgres", "gafaelfawr", "pull-secret"),
        result.applied().stream().map(op -> op.application()).toList());
    assertEquals(1, result.rounds());
    assertEquals(List.of(), replanned);
    assertEquals(1, faulty.injectedFaults());
    assertTrue(engine.audit(env, statics, store, SyncOptions.defaults()).isClean());
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName("apply of a plan names what was and was not written when a write fails")
  void applyFailing(Kind kind) {
    RecordingStore store = new RecordingStore(newStore(kind));
    var plan = engine.plan(env, statics, store, SyncOptions.defaults());
    store.failWriteNumber(2);

    SyncFailedException e =
        assertThrows(SyncFailedException.class, () -> engine.apply(store, plan));

    assertEquals(List.of("argocd"), e.written());
    assertEquals(
        List.of("ingress-tls", "mobu", "nublado", "postgres", "gafaelfawr", "pull-secret"),
        e.notWritten());
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName("apply of a plan to a read-only store is refused before writing")
  void applyReadOnly(Kind kind) {
    RecordingStore store = new RecordingStore(newStore(kind));
    var plan = engine.plan(env, statics, store, SyncOptions.defaults());
    store.readOnly();

    StoreException e = assertThrows(StoreException.class, () -> engine.apply(store, plan));

    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    assertEquals(List.of(), store.writes());
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName("one check-and-set conflict before the first write makes sync re-plan and succeed")
  void conflictReplans(Kind kind) {
    RecordingStore store = new RecordingStore(newStore(kind)).conflicts(1);
    List<String> replanned = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void replanning(String application, int round) {
            replanned.add(application + "@" + round);
          }
        };

    SyncResult result = engine.sync(env, statics, store, SyncOptions.defaults(), listener);

    assertEquals(2, result.rounds());
    assertEquals(List.of("argocd@2"), replanned);
    assertEquals(
        List.of(
            "argocd", "ingress-tls", "mobu", "nublado", "postgres", "gafaelfawr", "pull-secret"),
        store.writtenApplications());
    assertTrue(engine.audit(env, statics, store, SyncOptions.defaults()).isClean());
  }

  @ParameterizedTest(name = "{0} store")
  @EnumSource(Kind.class)
  @DisplayName("two concurrent syncs both finish and lose no update")
  void concurrentSyncs(Kind kind) throws Exception {
    for (int attempt = 0; attempt < 6; attempt++) {
      SecretStore shared = newStore(kind);
      RecordingStore store = new RecordingStore(shared);
      if (attempt % 2 == 1) {
        store.jitter();
      }
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<SyncResult>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          // Two engines, as two processes would have: each has its own random source.
          SecretsEngine own = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return own.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
                  }));
        }
        start.countDown();
        for (Future<SyncResult> f : results) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }

      AuditReport audit = engine.audit(env, statics, shared, SyncOptions.defaults());
      assertTrue(audit.isClean(), audit::toText);
      Map<SecretRef, String> values = Fixtures.values(shared);
      Resolution expected =
          engine.resolve(env, statics, engine.read(env, shared), SyncOptions.defaults());
      expected
          .resolved()
          .forEach((ref, r) -> assertEquals(r.value().reveal(), values.get(ref), ref.toString()));
      for (Secret s : env.secrets()) {
        if (s instanceof CopySecret copy) {
          assertEquals(
              values.get(copy.from()), values.get(s.ref()), s.ref() + " equals its source");
        }
      }
      assertGeneratedWrittenOnce(store, values);
    }
  }

  /**
   * Every application was first written create-only, and every generated value was written with one
   * value only: whoever lost a race adopted the winner's value instead of overwriting it.
   */
  private void assertGeneratedWrittenOnce(RecordingStore store, Map<SecretRef, String> values) {
    Set<String> created = new HashSet<>();
    Map<SecretRef, String> firstWritten = new HashMap<>();
    for (RecordingStore.Write w : store.writes()) {
      if (created.add(w.application())) {
        assertTrue(
            w.condition() instanceof WriteCondition.CreateOnly,
            w.application() + " was first written create-only");
      }
      for (Secret s : env.secrets()) {
        if (s instanceof GeneratedSecret g
            && !g.type().equals("oidc-clients")
            && s.application().equals(w.application())) {
          String value = w.data().get(s.key());
          String first = firstWritten.putIfAbsent(s.ref(), value);
          assertTrue(first == null || first.equals(value), s.ref() + " was overwritten");
          assertEquals(values.get(s.ref()), value, s.ref() + " is the value stored");
        }
      }
    }
  }
}

package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: is the file store safe under {@link SecretsEngine.Builder#writeConcurrency}? Every
 * operation of one store file runs under one lock per JVM and an exclusive file lock, reading,
 * checking the condition and replacing the file as one step, so concurrent writes are serialized:
 * none is lost, and check-and-set still refuses a stale version. (They also gain nothing, as each
 * write rewrites the whole file: the CLI keeps the file store's writes sequential.)
 */
@DisplayName("The file store serializes concurrent writes: nothing lost, check-and-set kept")
class ConcurrentFileWritesTest {

  static final int THREADS = 8;

  @TempDir Path dir;

  SecretStore open() {
    return new FileSecretStoreProvider().create(StoreConfig.of(dir.resolve("s.json").toString()));
  }

  /** Runs the task on THREADS threads released at once, and rethrows any failure. */
  static void onThreads(ThrowingTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  task.run(thread);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  interface ThrowingTask {
    void run(int thread) throws Exception;
  }

  @Test
  @DisplayName("distinct applications written from 8 threads at once are all there")
  void distinctApplications() throws Exception {
    try (SecretStore store = open()) {
      onThreads(
          t -> {
            for (int i = 0; i < 15; i++) {
              String app = "app-" + t + "-" + i;
              store.write(app, Map.of("k", SecretValue.of("v1")), new WriteCondition.CreateOnly());
              StoredApplication first = store.read(app).orElseThrow();
              store.write(app, Map.of("k", SecretValue.of("v2")), WriteCondition.replacing(first));
            }
          });
    }
    try (SecretStore store = open()) {
      Map<String, StoredApplication> all = store.snapshot(List.of());
      assertThat(all).hasSize(THREADS * 15);
      assertThat(all.values())
          .allSatisfy(
              a -> {
                assertThat(a.data()).containsEntry("k", SecretValue.of("v2"));
                assertThat(a.version()).isEqualTo(2);
              });
    }
  }

  @Test
  @DisplayName("one application incremented from 8 threads by check-and-set loses no update")
  void contendedCheckAndSet() throws Exception {
    try (SecretStore store = open()) {
      store.write("counter", Map.of("n", SecretValue.of("0")), new WriteCondition.CreateOnly());
      int[] refused = new int[THREADS];
      onThreads(
          t -> {
            for (int done = 0; done < 10; ) {
              StoredApplication current = store.read("counter").orElseThrow();
              int n = Integer.parseInt(current.data().get("n").reveal());
              try {
                store.write(
                    "counter",
                    Map.of("n", SecretValue.of(Integer.toString(n + 1))),
                    WriteCondition.replacing(current));
                done++;
              } catch (CheckAndSetException e) {
                refused[t]++;
              }
            }
          });
      StoredApplication end = store.read("counter").orElseThrow();
      assertThat(end.data().get("n").reveal()).isEqualTo(Integer.toString(THREADS * 10));
      assertThat(end.version()).isEqualTo(1 + THREADS * 10);
    }
  }

  @Test
  @DisplayName("a sync with 16 writes in flight leaves the same clean store as a sequential one")
  void engineWithWriteConcurrency() {
    PhalanxEnvironment env =
        SecretsEngineTest.demo(new EngineFixture.Tree(dir.resolve("tree"))).environment("demo");
    StaticSecrets statics = SecretsEngineTest.source().build();
    SecretsEngine concurrent =
        SecretsEngine.builder()
            .generators(EngineFixture.GENERATORS)
            .clock(new EngineFixture.TestClock())
            .writeConcurrency(16)
            .build();
    try (SecretStore store = open()) {
      SyncResult result =
          concurrent.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      assertThat(SecretsEngineTest.apps(result.applied()))
          .containsExactlyInAnyOrderElementsOf(SecretsEngineTest.ALL_APPS);
      assertThat(concurrent.audit(env, statics, store, SyncOptions.defaults()).isClean()).isTrue();
      assertThat(store.snapshot(List.of()).keySet())
          .containsExactlyInAnyOrderElementsOf(SecretsEngineTest.ALL_APPS);
      assertThat(
              concurrent
                  .sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE)
                  .applied())
          .isEmpty();
    }
  }
}

package dev.phalanx.secrets.testkit.contract;

import static dev.phalanx.secrets.testkit.contract.Canaries.assertNoCanary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit for {@link SecretStore} implementations: every promise of the SPI as a
 * JUnit 5 test. A store is compatible when every test of this class passes (or is skipped because
 * the store declared it cannot do something).
 *
 * <p>To adopt the kit, extend it in the backend's test sources and create a fresh, empty store per
 * test. Stores that can soft-delete or destroy an application's latest version (as Vault does) also
 * override {@link #softDelete} and {@link #destroy}; without them, the tests about deleted state
 * are skipped:
 *
 * <pre>{@code
 * @OpenBao(shared = true)
 * @DisplayName("VaultSecretStore meets the SecretStore contract (real OpenBao)")
 * class VaultStoreContractIT extends SecretStoreContract<VaultSecretStore> {
 *
 *   private final OpenBaoServer server;
 *   private final Map<VaultSecretStore, String> paths = new IdentityHashMap<>();
 *
 *   VaultStoreContractIT(OpenBaoServer server) {
 *     this.server = server;
 *   }
 *
 *   @Override
 *   protected VaultSecretStore createStore() {
 *     String path = "it/" + UUID.randomUUID();
 *     VaultSecretStore store =
 *         VaultSecretStore.open(
 *             new StoreConfig(
 *                 "secret/" + path,
 *                 Map.of("vault-url", server.address().toString()),
 *                 Map.of("vault-token", server.rootToken()),
 *                 null));
 *     paths.put(store, path);
 *     return store;
 *   }
 *
 *   @Override
 *   protected boolean softDelete(VaultSecretStore store, String application) {
 *     server.call("DELETE", "secret/data/" + paths.get(store) + "/" + application, null);
 *     return true;
 *   }
 * }
 * }</pre>
 *
 * <p>A read-only store (declaring {@code writable=false}) runs only the reading and capability
 * tests; the tests that need to write are skipped. A store without {@code checkAndSet} skips the
 * version tests but must still refuse a {@link WriteCondition.CreateOnly} on an existing
 * application. Values written by the kit contain a canary marker; any of them showing up in a
 * {@code toString()}, {@code describe()}, warning or exception message fails the kit.
 *
 * @param <S> the store type, so that the hooks receive the backend's own type
 */
public abstract class SecretStoreContract<S extends SecretStore> {

  private static final String APP = "contract-app";

  private @Nullable S store;

  /** For subclasses. */
  protected SecretStoreContract() {}

  /**
   * Creates the store under test: a fresh, empty store for every test. The kit closes it after the
   * test.
   *
   * @return a new, empty store
   */
  protected abstract S createStore();

  /**
   * Soft-deletes the latest version of an application, as Vault's {@code DELETE data/<path>} does:
   * the application then reads as {@link StoredApplication.State#DELETED} and keeps its version.
   *
   * @param store the store under test
   * @param application an application that exists and is live
   * @return false (the default) when the backend cannot soft-delete; the tests that need it are
   *     then skipped
   */
  protected boolean softDelete(S store, String application) {
    return false;
  }

  /**
   * Destroys the latest version of an application, as Vault's {@code destroy} does: the application
   * then reads as {@link StoredApplication.State#DESTROYED} and keeps its version.
   *
   * @param store the store under test
   * @param application an application that exists and is live
   * @return false (the default) when the backend cannot destroy; the tests that need it are then
   *     skipped
   */
  protected boolean destroy(S store, String application) {
    return false;
  }

  /**
   * How many applications the "many applications" test writes; lower it for slow remote stores.
   *
   * @return 200 by default
   */
  protected int manyApplications() {
    return 200;
  }

  /**
   * How many threads the concurrency test runs; each does {@link #incrementsPerThread()}
   * check-and-set increments.
   *
   * @return 4 by default
   */
  protected int concurrentWriters() {
    return 4;
  }

  /**
   * How many increments each concurrent writer makes.
   *
   * @return 25 by default
   */
  protected int incrementsPerThread() {
    return 25;
  }

  /**
   * The store under test in the current test.
   *
   * @return the store created by {@link #createStore()} for this test
   */
  protected final S store() {
    S s = store;
    if (s == null) {
      throw new IllegalStateException("no store: the kit creates one before each test");
    }
    return s;
  }

  @BeforeEach
  final void openStore() {
    store = createStore();
  }

  @AfterEach
  final void closeStore() {
    S s = store;
    store = null;
    if (s != null) {
      s.close();
    }
  }

  private void assumeWritable() {
    assumeTrue(store().capabilities().writable(), "the store declares itself read-only");
  }

  private void assumeCheckAndSet() {
    assumeWritable();
    assumeTrue(store().capabilities().checkAndSet(), "the store does not declare check-and-set");
  }

  private long create(String application, Map<String, SecretValue> data) {
    return store().write(application, data, new WriteCondition.CreateOnly());
  }

  private StoredApplication readPresent(String application) {
    Optional<StoredApplication> read = store().read(application);
    assertThat(read).as("application %s after a write", application).isPresent();
    StoredApplication app = read.orElseThrow();
    assertThat(app.state())
        .as("state of %s", application)
        .isEqualTo(StoredApplication.State.PRESENT);
    return app;
  }

  private static Map<String, SecretValue> data(String... keysAndValues) {
    Map<String, SecretValue> out = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], SecretValue.of(keysAndValues[i + 1]));
    }
    return out;
  }

  /** Compares data without printing values on failure: only keys and whether each value matched. */
  private static void assertSameData(
      String what, Map<String, SecretValue> actual, Map<String, SecretValue> expected) {
    assertThat(actual.keySet()).as("%s: keys", what).isEqualTo(expected.keySet());
    List<String> different = new ArrayList<>();
    expected.forEach(
        (k, v) -> {
          if (!v.equals(actual.get(k))) {
            different.add(k);
          }
        });
    assertThat(different).as("%s: keys whose value differs", what).isEmpty();
  }

  /** Absent, present and deleted applications read as the SPI says. */
  @Nested
  @DisplayName("Reading")
  class Reading {

    @Test
    @DisplayName("an application that never existed reads as empty")
    void absentReadsEmpty() {
      assertThat(store().read("never-written")).isEmpty();
    }

    @Test
    @DisplayName("a written application reads back present, with its data and the version written")
    void presentReadsBack() {
      assumeWritable();
      Map<String, SecretValue> data = data("a", "1", "b", "2");
      long version = create(APP, data);
      assertThat(version).as("version of a first write").isPositive();
      StoredApplication app = readPresent(APP);
      assertThat(app.application()).isEqualTo(APP);
      assertThat(app.version()).as("version read").isEqualTo(version);
      assertSameData("data read", app.data(), data);
    }

    @Test
    @DisplayName("a soft-deleted application reads as DELETED, without data, keeping its version")
    void softDeletedKeepsVersion() {
      assumeWritable();
      create(APP, data("a", "1"));
      long version = store().write(APP, data("a", "2"), WriteCondition.replacing(readPresent(APP)));
      assumeTrue(softDelete(store(), APP), "the backend cannot soft-delete");
      Optional<StoredApplication> read = store().read(APP);
      assertThat(read).as("a soft-deleted application still reads").isPresent();
      StoredApplication app = read.orElseThrow();
      assertThat(app.state()).isEqualTo(StoredApplication.State.DELETED);
      assertThat(app.isPresent()).isFalse();
      assertThat(app.data()).isEmpty();
      assertThat(app.version()).as("version kept after the soft delete").isEqualTo(version);
    }

    @Test
    @DisplayName("a destroyed application reads as DESTROYED, without data, keeping its version")
    void destroyedKeepsVersion() {
      assumeWritable();
      long version = create(APP, data("a", "1"));
      assumeTrue(destroy(store(), APP), "the backend cannot destroy");
      StoredApplication app = store().read(APP).orElseThrow();
      assertThat(app.state()).isEqualTo(StoredApplication.State.DESTROYED);
      assertThat(app.data()).isEmpty();
      assertThat(app.version()).as("version kept after destroy").isEqualTo(version);
    }

    @Test
    @DisplayName("readAll gives the same applications as reading them one by one")
    void readAllEqualsReads() {
      assumeWritable();
      create("one", data("k", "1"));
      create("two", data("k", "2", "l", "3"));
      create("three", data("k", "4"));
      softDelete(store(), "three");
      List<String> names = List.of("one", "two", "three", "missing");
      Map<String, StoredApplication> all = store().readAll(names);
      Map<String, StoredApplication> oneByOne = new TreeMap<>();
      for (String name : names) {
        store().read(name).ifPresent(a -> oneByOne.put(name, a));
      }
      assertThat(all.keySet()).as("applications readAll returns").isEqualTo(oneByOne.keySet());
      assertThat(all).doesNotContainKey("missing");
      oneByOne.forEach(
          (name, app) -> {
            StoredApplication other = all.get(name);
            assertThat(other.version()).as("version of %s", name).isEqualTo(app.version());
            assertThat(other.state()).as("state of %s", name).isEqualTo(app.state());
            assertSameData("readAll " + name, other.data(), app.data());
          });
    }
  }

  /** Listing shows exactly the live applications. */
  @Nested
  @DisplayName("Listing")
  class Listing {

    @Test
    @DisplayName("an empty store lists no applications")
    void emptyListsEmpty() {
      assertThat(store().listApplications()).isEmpty();
    }

    @Test
    @DisplayName("the listing holds every written application, sorted")
    void listsWritten() {
      assumeWritable();
      create("zeta", data("k", "v"));
      create("alpha", data("k", "v"));
      create("mid", data("k", "v"));
      assertThat(store().listApplications()).containsExactly("alpha", "mid", "zeta");
    }

    @Test
    @DisplayName("soft-deleted and destroyed applications are left out of the listing")
    void leavesOutDeleted() {
      assumeWritable();
      create("kept", data("k", "v"));
      create("soft", data("k", "v"));
      create("gone", data("k", "v"));
      boolean soft = softDelete(store(), "soft");
      boolean destroyed = destroy(store(), "gone");
      assumeTrue(soft || destroyed, "the backend can neither soft-delete nor destroy");
      TreeSet<String> expected = new TreeSet<>(List.of("kept"));
      if (!soft) {
        expected.add("soft");
      }
      if (!destroyed) {
        expected.add("gone");
      }
      assertThat(store().listApplications()).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a deleted application is left out of the listing")
    void leavesOutRemoved() {
      assumeWritable();
      create("kept", data("k", "v"));
      create("removed", data("k", "v"));
      store().delete("removed");
      assertThat(store().listApplications()).containsExactly("kept");
    }

    @Test
    @DisplayName("many applications are all listed and read back correctly")
    void manyApplicationsListAndRead() {
      assumeWritable();
      int n = manyApplications();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = String.format("app-%04d", i);
        names.add(name);
        create(name, data("index", Integer.toString(i)));
      }
      assertThat(store().listApplications()).containsExactlyElementsOf(names);
      Map<String, StoredApplication> all = store().readAll(names);
      assertThat(all).hasSize(n);
      for (int i = 0; i < n; i++) {
        StoredApplication app = all.get(names.get(i));
        assertThat(app.data().get("index").reveal()).isEqualTo(Integer.toString(i));
      }
    }
  }

  /** Create-only, check-and-set and deleted state. */
  @Nested
  @DisplayName("Conditional writes")
  class ConditionalWrites {

    @Test
    @DisplayName("create-only is refused on an existing application, and nothing changes")
    void createOnlyRefusedOnExisting() {
      assumeWritable();
      Map<String, SecretValue> original = data("a", "1");
      long version = create(APP, original);
      assertThatThrownBy(() -> create(APP, data("a", "2", "b", "3")))
          .isInstanceOf(CheckAndSetException.class);
      StoredApplication app = readPresent(APP);
      assertThat(app.version()).as("version after a refused write").isEqualTo(version);
      assertSameData("data after a refused write", app.data(), original);
    }

    @Test
    @DisplayName("the refusal names the application")
    void refusalNamesApplication() {
      assumeWritable();
      create(APP, data("a", "1"));
      Throwable thrown = catchThrowable(() -> create(APP, data("a", "2")));
      assertThat(thrown).isInstanceOf(CheckAndSetException.class);
      assertThat(((CheckAndSetException) thrown).application()).isEqualTo(APP);
    }

    @Test
    @DisplayName("a write with the version just read succeeds and increments the version")
    void ifVersionSucceeds() {
      assumeCheckAndSet();
      create(APP, data("a", "1"));
      StoredApplication before = readPresent(APP);
      long written =
          store().write(APP, data("a", "2"), new WriteCondition.IfVersion(before.version()));
      StoredApplication after = readPresent(APP);
      assertThat(written).as("version returned").isGreaterThan(before.version());
      assertThat(after.version()).as("version read").isEqualTo(written);
      assertSameData("data after the write", after.data(), data("a", "2"));
    }

    @Test
    @DisplayName("a write with a stale version is refused, and nothing changes")
    void staleVersionRefused() {
      assumeCheckAndSet();
      long first = create(APP, data("a", "1"));
      long second = store().write(APP, data("a", "2"), new WriteCondition.IfVersion(first));
      assertThatThrownBy(
              () -> store().write(APP, data("a", "3"), new WriteCondition.IfVersion(first)))
          .isInstanceOf(CheckAndSetException.class);
      StoredApplication app = readPresent(APP);
      assertThat(app.version()).isEqualTo(second);
      assertSameData("data after a refused write", app.data(), data("a", "2"));
    }

    @Test
    @DisplayName("a write with a version is refused when the application does not exist")
    void ifVersionOnAbsentRefused() {
      assumeCheckAndSet();
      assertThatThrownBy(() -> store().write(APP, data("a", "1"), new WriteCondition.IfVersion(1)))
          .isInstanceOf(CheckAndSetException.class);
      assertThat(store().read(APP)).isEmpty();
    }

    @Test
    @DisplayName("after a soft delete, a write with the deleted version succeeds")
    void casAfterSoftDelete() {
      assumeCheckAndSet();
      create(APP, data("a", "1"));
      assumeTrue(softDelete(store(), APP), "the backend cannot soft-delete");
      StoredApplication deleted = store().read(APP).orElseThrow();
      long written = store().write(APP, data("a", "2"), WriteCondition.replacing(deleted));
      StoredApplication app = readPresent(APP);
      assertThat(written).isGreaterThan(deleted.version());
      assertThat(app.version()).isEqualTo(written);
      assertSameData("data after rewriting a deleted application", app.data(), data("a", "2"));
    }

    @Test
    @DisplayName("after a soft delete, create-only is refused: the application still exists")
    void createOnlyAfterSoftDeleteRefused() {
      assumeWritable();
      create(APP, data("a", "1"));
      assumeTrue(softDelete(store(), APP), "the backend cannot soft-delete");
      assertThatThrownBy(() -> create(APP, data("a", "2")))
          .isInstanceOf(CheckAndSetException.class);
    }

    @Test
    @DisplayName("concurrent check-and-set increments lose no update")
    void concurrentIncrementsLoseNothing() throws InterruptedException {
      assumeCheckAndSet();
      create(APP, data("counter", "0"));
      int threads = concurrentWriters();
      int perThread = incrementsPerThread();
      AtomicInteger successes = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> increment(perThread, successes)));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            fail("a concurrent writer failed: " + e.getCause().getClass().getName());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      StoredApplication app = readPresent(APP);
      assertThat(successes.get()).isEqualTo(threads * perThread);
      assertThat(app.data().get("counter").reveal())
          .as("counter after every successful increment")
          .isEqualTo(Integer.toString(successes.get()));
    }

    private void increment(int times, AtomicInteger successes) {
      int done = 0;
      int attempts = 0;
      while (done < times) {
        if (++attempts > 100_000) {
          throw new IllegalStateException("no progress after " + attempts + " attempts");
        }
        StoredApplication current = store().read(APP).orElseThrow();
        int value = Integer.parseInt(current.data().get("counter").reveal());
        try {
          store()
              .write(
                  APP,
                  data("counter", Integer.toString(value + 1)),
                  new WriteCondition.IfVersion(current.version()));
          successes.incrementAndGet();
          done++;
        } catch (CheckAndSetException e) {
          // Another writer won: re-read and retry.
        }
      }
    }
  }

  /** Writes replace whole applications; deletes remove every version. */
  @Nested
  @DisplayName("Writing and deleting")
  class WritingAndDeleting {

    @Test
    @DisplayName("a write replaces every key: keys not given are gone")
    void writeReplacesAllKeys() {
      assumeWritable();
      create(APP, data("a", "1", "b", "2"));
      StoredApplication before = readPresent(APP);
      store().write(APP, data("b", "3", "c", "4"), WriteCondition.replacing(before));
      assertSameData(
          "data after the replacement", readPresent(APP).data(), data("b", "3", "c", "4"));
    }

    @Test
    @DisplayName("writing the same content twice leaves equal content")
    void idempotentWrites() {
      assumeWritable();
      Map<String, SecretValue> content = data("a", "1", "b", "2");
      create(APP, content);
      store().write(APP, content, WriteCondition.replacing(readPresent(APP)));
      assertSameData("data after writing it twice", readPresent(APP).data(), content);
    }

    @Test
    @DisplayName("an application can be written with no keys at all")
    void emptyApplication() {
      assumeWritable();
      create(APP, Map.of());
      assertThat(readPresent(APP).data()).isEmpty();
    }

    @Test
    @DisplayName("delete removes the application, and a later write replacing what is read works")
    void deleteRemovesEverything() {
      assumeWritable();
      create(APP, data("a", "1"));
      store().write(APP, data("a", "2"), WriteCondition.replacing(readPresent(APP)));
      store().delete(APP);
      Optional<StoredApplication> after = store().read(APP);
      assertThat(after.filter(StoredApplication::isPresent))
          .as("read after delete: absent, or deleted with its history (Vault soft-deletes)")
          .isEmpty();
      long version =
          store().write(APP, data("a", "3"), WriteCondition.replacing(after.orElse(null)));
      StoredApplication app = readPresent(APP);
      assertThat(app.version()).isEqualTo(version);
      assertSameData("data after re-creating", app.data(), data("a", "3"));
    }

    @Test
    @DisplayName(
        "deleting a soft-deleted application leaves it deleted, and it can be written again")
    void deleteRemovesSoftDeleted() {
      assumeWritable();
      create(APP, data("a", "1"));
      assumeTrue(softDelete(store(), APP), "the backend cannot soft-delete");
      store().delete(APP);
      Optional<StoredApplication> after = store().read(APP);
      assertThat(after.filter(StoredApplication::isPresent)).isEmpty();
      store().write(APP, data("a", "2"), WriteCondition.replacing(after.orElse(null)));
      assertSameData("data after re-creating", readPresent(APP).data(), data("a", "2"));
    }

    @Test
    @DisplayName("deleting an absent application is a no-op")
    void deleteAbsentIsNoOp() {
      assumeWritable();
      store().delete("never-written");
      assertThat(store().read("never-written")).isEmpty();
    }

    @Test
    @DisplayName("unicode, empty, multi-line and long values and dotted keys round-trip exactly")
    void valuesRoundTrip() {
      assumeWritable();
      Map<String, SecretValue> content = new TreeMap<>();
      content.put("empty", SecretValue.of(""));
      content.put("unicode", SecretValue.of("pässwörd ✓ 日本語 𝄞 🔑"));
      content.put("multi-line", SecretValue.of("-----BEGIN X-----\nabc\ndef\n-----END X-----\n"));
      content.put("quotes", SecretValue.of("\"'\\ {}[]:#&*!|>%@`"));
      content.put("spaces", SecretValue.of("  leading and trailing  "));
      content.put("dex.clientSecret", SecretValue.of("dotted key"));
      content.put("long", SecretValue.of("x".repeat(64 * 1024)));
      create(APP, content);
      assertSameData("data read back", readPresent(APP).data(), content);
    }
  }

  /** Declared capabilities match behaviour. */
  @Nested
  @DisplayName("Capabilities")
  class Capabilities {

    @Test
    @DisplayName(
        "a store declared read-only refuses writes and deletes with UnsupportedOperationException")
    void readOnlyRefusesWrites() {
      assumeTrue(!store().capabilities().writable(), "the store declares itself writable");
      assertThatThrownBy(() -> create(APP, data("a", "1")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> store().delete(APP))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a store declared writable accepts writes and deletes")
    void writableAcceptsWrites() {
      assumeWritable();
      Throwable write = catchThrowable(() -> create(APP, data("a", "1")));
      assertThat(write).as("a write to a store declared writable").isNull();
      Throwable delete = catchThrowable(() -> store().delete(APP));
      assertThat(delete).as("a delete in a store declared writable").isNull();
    }

    @Test
    @DisplayName("a store declared check-and-set refuses a wrong version")
    void checkAndSetIsReal() {
      assumeCheckAndSet();
      long version = create(APP, data("a", "1"));
      assertThatThrownBy(
              () -> store().write(APP, data("a", "2"), new WriteCondition.IfVersion(version + 7)))
          .isInstanceOf(CheckAndSetException.class);
    }

    @Test
    @DisplayName("describe() is a non-empty description")
    void describes() {
      assertThat(store().describe()).isNotBlank();
    }
  }

  /** Values never show up in text meant for people. */
  @Nested
  @DisplayName("Secret hygiene")
  class Hygiene {

    private Map<String, SecretValue> canaries() {
      return Map.of("password", Canaries.value("password"), "token", Canaries.value("token"));
    }

    @Test
    @DisplayName("toString(), describe() and warnings of the store never contain a value")
    void storeTextHasNoValue() {
      assumeWritable();
      create(APP, canaries());
      store().read(APP);
      store().listApplications();
      assertNoCanary("store toString()", store().toString());
      assertNoCanary("store describe()", store().describe());
      assertNoCanary("store warnings()", String.join("\n", store().warnings()));
    }

    @Test
    @DisplayName("toString() of a stored application never contains a value")
    void storedApplicationTextHasNoValue() {
      assumeWritable();
      create(APP, canaries());
      StoredApplication app = readPresent(APP);
      assertNoCanary("StoredApplication toString()", app.toString());
      assertNoCanary("data toString()", app.data().toString());
    }

    @Test
    @DisplayName("a refused create-only write never puts a value into the exception")
    void createOnlyRefusalHasNoValue() {
      assumeWritable();
      create(APP, canaries());
      Throwable thrown = catchThrowable(() -> create(APP, canaries()));
      assertThat(thrown).isInstanceOf(CheckAndSetException.class);
      assertNoCanary("CheckAndSetException", thrown);
    }

    @Test
    @DisplayName("a refused check-and-set write never puts a value into the exception")
    void staleWriteRefusalHasNoValue() {
      assumeCheckAndSet();
      long version = create(APP, canaries());
      Throwable thrown =
          catchThrowable(
              () -> store().write(APP, canaries(), new WriteCondition.IfVersion(version + 1)));
      assertThat(thrown).isInstanceOf(CheckAndSetException.class);
      assertNoCanary("CheckAndSetException", thrown);
    }
  }
}

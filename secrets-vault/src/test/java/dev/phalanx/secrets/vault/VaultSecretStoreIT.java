package dev.phalanx.secrets.vault;

import static dev.phalanx.secrets.vault.TestStores.data;
import static dev.phalanx.secrets.vault.TestStores.store;
import static dev.phalanx.secrets.vault.TestStores.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@OpenBao(shared = true)
@DisplayName("VaultSecretStore against a real OpenBao dev server")
class VaultSecretStoreIT {

  private final OpenBaoServer server;

  VaultSecretStoreIT(OpenBaoServer server) {
    this.server = server;
  }

  private VaultSecretStore root(String prefix) {
    return store(server, prefix, server.rootToken());
  }

  @Nested
  @DisplayName("basic operations")
  class Basics {

    @Test
    @DisplayName("writes, reads, lists and deletes an application")
    void roundTrip() {
      String prefix = uniquePrefix("basic");
      try (VaultSecretStore store = root(prefix)) {
        long v1 = store.write("app", data("a", "1", "b", "two"), new WriteCondition.CreateOnly());
        assertThat(v1).isEqualTo(1);
        StoredApplication read = store.read("app").orElseThrow();
        assertThat(read.isPresent()).isTrue();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.data()).isEqualTo(data("a", "1", "b", "two"));
        long v2 = store.write("app", data("a", "3"), WriteCondition.replacing(read));
        assertThat(v2).isEqualTo(2);
        assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("a", "3"));
        store.write("other", data("k", "v"), new WriteCondition.CreateOnly());
        assertThat(store.listApplications()).containsExactly("app", "other");
        store.delete("app");
        assertThat(store.read("app").orElseThrow().state())
            .isEqualTo(StoredApplication.State.DELETED);
        assertThat(store.listApplications()).containsExactly("other");
        store.delete("app"); // already deleted: no-op
        store.delete("never-written"); // absent: no-op
        assertThat(store.warnings()).isEmpty();
        assertThat(store.describe()).contains(prefix).contains(server.address().toString());
      }
    }

    @Test
    @DisplayName("a missing path lists as empty, without warnings")
    void missingPathIsEmpty() {
      try (VaultSecretStore store = root(uniquePrefix("missing"))) {
        assertThat(store.listApplications()).isEmpty();
        assertThat(store.read("nothing")).isEmpty();
        assertThat(store.readAll(List.of("a", "b"))).isEmpty();
        assertThat(store.warnings()).isEmpty();
      }
    }

    @Test
    @DisplayName("folders below the path are not applications")
    void foldersIgnored() {
      String prefix = uniquePrefix("folders");
      try (VaultSecretStore store = root(prefix);
          VaultSecretStore nested = root(prefix + "/sub")) {
        nested.write("deep", data("k", "v"), new WriteCondition.CreateOnly());
        store.write("top", data("k", "v"), new WriteCondition.CreateOnly());
        assertThat(store.listApplications()).containsExactly("top");
      }
    }

    @Test
    @DisplayName("is found through ServiceLoader as type 'vault'")
    void serviceLoader() {
      assertThat(Providers.load().stores().types()).contains("vault");
      StoreConfig config =
          new StoreConfig(
              uniquePrefix("sl"),
              Map.of("vault-url", server.address().toString()),
              Map.of("vault-token", server.rootToken()),
              null);
      try (SecretStore store = Providers.load().stores().get("vault").create(config)) {
        assertThat(store.listApplications()).isEmpty();
        assertThat(store.capabilities().checkAndSet()).isTrue();
      }
    }

    @Test
    @DisplayName("takes URL and prefix from the environment, location overriding the prefix")
    void environmentSettings() {
      String prefix = uniquePrefix("env");
      try (VaultSecretStore store = root(prefix)) {
        store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
      }
      StoreConfig fromEnv =
          new StoreConfig(
              "",
              Map.of(),
              Map.of("vault-token", server.rootToken()),
              TestStores.environment("dev", server.address().toString(), prefix));
      try (VaultSecretStore store =
          VaultSecretStore.open(
              fromEnv,
              Map.of("VAULT_ADDR", "http://127.0.0.1:1")::get,
              Path.of("/nonexistent"),
              Clock.systemUTC())) {
        assertThat(store.listApplications()).containsExactly("app");
      }
    }
  }

  @Nested
  @DisplayName("check-and-set")
  class CheckAndSet {

    @Test
    @DisplayName("create-only is refused when the application exists")
    void createOnlyRefused() {
      try (VaultSecretStore store = root(uniquePrefix("cas0"))) {
        store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
        assertThatThrownBy(
                () -> store.write("app", data("k", "w"), new WriteCondition.CreateOnly()))
            .isInstanceOf(CheckAndSetException.class)
            .hasMessageContaining("create only")
            .satisfies(e -> assertThat(((CheckAndSetException) e).application()).isEqualTo("app"));
        assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("k", "v"));
      }
    }

    @Test
    @DisplayName("a stale version is refused")
    void versionMismatch() {
      try (VaultSecretStore store = root(uniquePrefix("casn"))) {
        store.write("app", data("k", "1"), new WriteCondition.CreateOnly());
        store.write("app", data("k", "2"), new WriteCondition.IfVersion(1));
        assertThatThrownBy(
                () -> store.write("app", data("k", "3"), new WriteCondition.IfVersion(1)))
            .isInstanceOf(CheckAndSetException.class)
            .hasMessageContaining("expected version 1");
        assertThat(store.read("app").orElseThrow().version()).isEqualTo(2);
      }
    }

    @Test
    @DisplayName("works on a mount with cas_required=true")
    void casRequiredMount() {
      OpenBaoServer.Response mount =
          server.call(
              "POST", "sys/mounts/kvcas", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      assertThat(mount.status()).isLessThan(300);
      server.casRequired("kvcas", true);
      try (VaultSecretStore store = root("kvcas/phalanx/dev")) {
        OpenBaoServer.Response plain =
            server.call("POST", "kvcas/data/phalanx/dev/x", "{\"data\":{\"k\":\"v\"}}");
        assertThat(plain.status()).isEqualTo(400); // the mount really requires cas
        store.write("app", data("k", "1"), new WriteCondition.CreateOnly());
        StoredApplication read = store.read("app").orElseThrow();
        store.write("app", data("k", "2"), WriteCondition.replacing(read));
        assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("k", "2"));
        assertThat(store.listApplications()).containsExactly("app");
        store.delete("app");
        StoredApplication deleted = store.read("app").orElseThrow();
        assertThat(deleted.isPresent()).isFalse();
        // re-created with cas = the deleted version, on a mount that requires cas
        assertThat(store.write("app", data("k", "3"), WriteCondition.replacing(deleted)))
            .isEqualTo(3);
      }
    }

    @Test
    @DisplayName("two concurrent writers with the same version: exactly one wins")
    void concurrentWritersOneWins() throws Exception {
      try (VaultSecretStore store = root(uniquePrefix("race"))) {
        store.write("app", data("k", "0"), new WriteCondition.CreateOnly());
        long version = store.read("app").orElseThrow().version();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<String>> results = new ArrayList<>();
          for (String value : List.of("A", "B")) {
            results.add(
                pool.submit(
                    () -> {
                      start.await();
                      try {
                        store.write("app", data("k", value), new WriteCondition.IfVersion(version));
                        return value;
                      } catch (CheckAndSetException e) {
                        return "lost";
                      }
                    }));
          }
          start.countDown();
          List<String> outcomes = new ArrayList<>();
          for (Future<String> f : results) {
            outcomes.add(f.get());
          }
          assertThat(outcomes).containsOnlyOnce("lost");
          String winner =
              outcomes.stream().filter(o -> !o.equals("lost")).findFirst().orElseThrow();
          StoredApplication after = store.read("app").orElseThrow();
          assertThat(after.version()).isEqualTo(version + 1);
          assertThat(after.data()).isEqualTo(data("k", winner));
        } finally {
          pool.shutdownNow();
        }
      }
    }

    @Test
    @DisplayName("concurrent read-modify-write with re-read on conflict loses no update")
    void noLostUpdate() throws Exception {
      try (VaultSecretStore store = root(uniquePrefix("counter"))) {
        store.write("app", data("n", "0"), new WriteCondition.CreateOnly());
        int writers = 8;
        int increments = 5;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
          List<Callable<Void>> tasks = new ArrayList<>();
          for (int w = 0; w < writers; w++) {
            tasks.add(
                () -> {
                  for (int i = 0; i < increments; i++) {
                    while (true) {
                      StoredApplication current = store.read("app").orElseThrow();
                      int n = Integer.parseInt(current.data().get("n").reveal());
                      try {
                        store.write(
                            "app",
                            data("n", Integer.toString(n + 1)),
                            WriteCondition.replacing(current));
                        break;
                      } catch (CheckAndSetException e) {
                        conflicts.incrementAndGet();
                      }
                    }
                  }
                  return null;
                });
          }
          for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
          }
        } finally {
          pool.shutdownNow();
        }
        StoredApplication end = store.read("app").orElseThrow();
        assertThat(end.data().get("n"))
            .isEqualTo(SecretValue.of(Integer.toString(writers * increments)));
        assertThat(end.version()).isEqualTo(1 + writers * increments);
      }
    }
  }

  @Nested
  @DisplayName("deleted, destroyed and absent")
  class States {

    @Test
    @DisplayName("are told apart, with the version kept for check-and-set")
    void statesToldApart() {
      String prefix = uniquePrefix("states");
      String path = prefix.substring("secret/".length());
      try (VaultSecretStore store = root(prefix)) {
        store.write("soft", data("k", "1"), new WriteCondition.CreateOnly());
        store.write("soft", data("k", "2"), new WriteCondition.IfVersion(1));
        store.write("gone", data("k", "1"), new WriteCondition.CreateOnly());
        store.write("live", data("k", "1"), new WriteCondition.CreateOnly());
        assertThat(server.call("DELETE", "secret/data/" + path + "/soft", null).status())
            .isEqualTo(204);
        assertThat(
                server
                    .call("POST", "secret/destroy/" + path + "/gone", "{\"versions\":[1]}")
                    .status())
            .isEqualTo(204);

        StoredApplication soft = store.read("soft").orElseThrow();
        assertThat(soft.state()).isEqualTo(StoredApplication.State.DELETED);
        assertThat(soft.version()).isEqualTo(2);
        assertThat(soft.data()).isEmpty();
        StoredApplication gone = store.read("gone").orElseThrow();
        assertThat(gone.state()).isEqualTo(StoredApplication.State.DESTROYED);
        assertThat(gone.version()).isEqualTo(1);
        assertThat(store.read("never")).isEmpty();

        assertThat(store.listApplications()).containsExactly("live");
        Map<String, StoredApplication> all =
            store.readAll(List.of("soft", "gone", "live", "never"));
        assertThat(all).containsOnlyKeys("soft", "gone", "live");

        // cas=0 fails after a soft delete; the version read works
        assertThatThrownBy(
                () -> store.write("soft", data("k", "x"), new WriteCondition.CreateOnly()))
            .isInstanceOf(CheckAndSetException.class);
        assertThat(store.write("soft", data("k", "3"), WriteCondition.replacing(soft)))
            .isEqualTo(3);
        assertThat(store.write("gone", data("k", "2"), WriteCondition.replacing(gone)))
            .isEqualTo(2);
        assertThat(store.listApplications()).containsExactly("gone", "live", "soft");
        assertThat(store.read("soft").orElseThrow().data()).isEqualTo(data("k", "3"));
      }
    }
  }

  @Nested
  @DisplayName("permissions")
  class Permissions {

    @Test
    @DisplayName("a token that may not list reads as empty with a warning")
    void forbiddenList() {
      String prefix = uniquePrefix("nolist");
      String path = prefix.substring("secret/".length());
      try (VaultSecretStore store = root(prefix)) {
        store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
      }
      server.putPolicy(
          "nolist-" + path.replace('/', '-'),
          "path \"secret/data/" + path + "/+\" {\n  capabilities = [\"read\"]\n}\n");
      SecretValue token =
          server.createToken("nolist", Duration.ofHours(1), "nolist-" + path.replace('/', '-'));
      try (VaultSecretStore store = store(server, prefix, token)) {
        assertThat(store.listApplications()).isEmpty();
        assertThat(store.warnings())
            .singleElement()
            .asString()
            .contains("cannot list secret/metadata/" + path)
            .contains("deny");
        assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("k", "v"));
      }
    }
  }

  @Nested
  @DisplayName("Phalanx parity and misconfigured servers")
  class Parity {

    @Test
    @DisplayName(
        "delete soft-deletes the latest version as Phalanx does: history kept,"
            + " undelete recovers it, and re-creating uses the current version")
    void softDelete() throws Exception {
      String prefix = uniquePrefix("soft");
      String path = prefix.substring("secret/".length());
      try (VaultSecretStore store = root(prefix)) {
        store.write("app", data("k", "1"), new WriteCondition.CreateOnly());
        store.write("app", data("k", "2"), new WriteCondition.IfVersion(1));
        store.delete("app");
        StoredApplication deleted = store.read("app").orElseThrow();
        assertThat(deleted.state()).isEqualTo(StoredApplication.State.DELETED);
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(store.listApplications()).isEmpty();
        OpenBaoServer.Response metadata =
            server.call("GET", "secret/metadata/" + path + "/app", null);
        assertThat(metadata.status()).as("metadata and history kept").isEqualTo(200);
        assertThat(metadata.body()).contains("\"current_version\":2");
        // Re-creating after a soft delete (what the next sync does): cas = the deleted version.
        assertThat(store.write("app", data("k", "3"), WriteCondition.replacing(deleted)))
            .isEqualTo(3);
        store.delete("app");
        OpenBaoServer.Response undelete =
            server.call("POST", "secret/undelete/" + path + "/app", "{\"versions\":[3]}");
        assertThat(undelete.status()).isBetween(200, 204);
        assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("k", "3"));
      }
    }

    @Test
    @DisplayName("a KV version 1 mount is refused with a clear error, nothing written")
    void kvVersionOneRefused() {
      String mount = "kvone" + System.nanoTime() % 100000;
      OpenBaoServer.Response enabled =
          server.call(
              "POST", "sys/mounts/" + mount, "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}");
      assertThat(enabled.status()).isBetween(200, 204);
      try (VaultSecretStore store = root(mount + "/phalanx/dev")) {
        assertThatThrownBy(
                () -> store.write("app", data("k", "v"), new WriteCondition.CreateOnly()))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("is a KV version 1 mount")
            .hasMessageContaining(mount + "/");
        assertThatThrownBy(store::listApplications).hasMessageContaining("KV version 1");
      }
      OpenBaoServer.Response written = server.call("LIST", mount + "/data/phalanx/dev", null);
      assertThat(written.status()).as("nothing written at <mount>/data/...").isEqualTo(404);
      try (VaultSecretStore v2 = root(uniquePrefix("v2"))) {
        assertThat(v2.listApplications()).isEmpty(); // the KV v2 mount passes the check
      }
    }

    @Test
    @DisplayName("a token that may read but not list still finds the pull secret (read directly)")
    void readButNotListFindsPullSecret() {
      String prefix = uniquePrefix("readonly");
      String path = prefix.substring("secret/".length());
      try (VaultSecretStore store = root(prefix)) {
        store.write(
            "pull-secret", data(".dockerconfigjson", "{}"), new WriteCondition.CreateOnly());
        store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
      }
      String policy = "readonly-" + path.replace('/', '-');
      server.putPolicy(
          policy,
          "path \"secret/data/"
              + path
              + "/+\" {\n  capabilities = [\"read\", \"create\","
              + " \"update\"]\n}\npath \"secret/metadata/"
              + path
              + "/+\" {\n  capabilities ="
              + " [\"read\"]\n}\n");
      SecretValue token = server.createToken("readonly", Duration.ofHours(1), policy);
      try (VaultSecretStore store = store(server, prefix, token)) {
        Map<String, StoredApplication> snapshot = store.snapshot(List.of("app"));
        assertThat(snapshot).containsKeys("app", "pull-secret");
        assertThat(snapshot.get("pull-secret").data()).isEqualTo(data(".dockerconfigjson", "{}"));
        assertThat(store.warnings()).singleElement().asString().contains("cannot list");
      }
    }
  }

  @Nested
  @DisplayName("readAll")
  class ReadAll {

    @Test
    @DisplayName("reads 200 applications correctly")
    void twoHundred() {
      try (VaultSecretStore store =
          store(
              server,
              uniquePrefix("many"),
              server.rootToken(),
              Map.of("concurrency", "8"),
              Map.of())) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String name = "app-" + i;
          names.add(name);
          store.write(
              name,
              data("key", "value-" + i, "i", Integer.toString(i)),
              new WriteCondition.CreateOnly());
        }
        assertThat(store.listApplications()).hasSize(200);
        Map<String, StoredApplication> all = store.readAll(names);
        assertThat(all).hasSize(200);
        assertThat(all.keySet()).containsExactlyElementsOf(names);
        for (int i = 0; i < 200; i++) {
          assertThat(all.get("app-" + i).data())
              .isEqualTo(data("key", "value-" + i, "i", Integer.toString(i)));
        }
        Optional<StoredApplication> one = store.read("app-7");
        assertThat(one).isPresent();
      }
    }
  }
}

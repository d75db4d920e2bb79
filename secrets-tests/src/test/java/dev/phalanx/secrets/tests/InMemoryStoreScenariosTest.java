package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import dev.phalanx.secrets.testkit.RecordingStore;
import dev.phalanx.secrets.testkit.contract.SyncScenarioContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Audit and sync scenarios on the in-memory store")
class InMemoryStoreScenariosTest extends SyncScenarioContract<InMemorySecretStore> {

  @Override
  protected InMemorySecretStore createStore() {
    return InMemorySecretStore.create();
  }

  @Nested
  @DisplayName("Store-specific behaviour")
  class MemoryOnly {

    @Test
    @DisplayName("a second sync leaves the store's own write counter unchanged")
    void writeCounter() {
      sync(SyncOptions.defaults());
      int writes = target.writeCount();
      assertEquals(ALL_APPS.size(), writes);
      sync(SyncOptions.defaults());
      assertEquals(writes, target.writeCount());
      assertEquals(0, target.deleteCount());
    }

    @Test
    @DisplayName(
        "a soft-deleted application is recreated with check-and-set on its deleted version")
    void softDeletedIsRecreated() {
      Map<SecretRef, String> before = synced();
      long version = target.snapshot().get("postgres").version();
      target.softDelete("postgres");
      target.destroy("mobu");

      assertEquals(
          "Missing secrets:\n"
              + "• mobu app-alert-webhook\n"
              + "• postgres gafaelfawr-password\n"
              + "• postgres jupyterhub-password\n"
              + "• postgres root-password\n"
              + "\n"
              + "Secrets that do not have their expected value:\n"
              + "• gafaelfawr database-password\n",
          audit().toText());
      sync(SyncOptions.defaults());

      List<RecordingStore.Write> writes = store.writes();
      assertEquals(List.of("mobu", "postgres", "gafaelfawr"), store.writtenApplications());
      assertEquals(new WriteCondition.IfVersion(version), writes.get(1).condition());
      StoredApplication postgres = target.snapshot().get("postgres");
      assertTrue(postgres.isPresent());
      assertEquals(version + 1, postgres.version());
      assertTrue(audit().isClean(), () -> audit().toText());
      // The recreated passwords are new, and the copy in gafaelfawr follows them.
      Map<SecretRef, String> after = values(store);
      assertFalse(
          before
              .get(SecretRef.of("postgres", "root-password"))
              .equals(after.get(SecretRef.of("postgres", "root-password"))));
      assertEquals(
          after.get(SecretRef.of("postgres", "gafaelfawr-password")),
          after.get(SecretRef.of("gafaelfawr", "database-password")));
      assertEquals(before.get(WEBHOOK), after.get(WEBHOOK));
    }

    @Test
    @DisplayName("a read-only in-memory store is refused before anything is written")
    void readOnlyStore() {
      InMemorySecretStore readOnly = InMemorySecretStore.builder().readOnly().build();
      StoreException e =
          assertThrows(
              StoreException.class,
              () -> engine.sync(env, statics, readOnly, SyncOptions.defaults(), SyncListener.NONE));
      assertEquals("store memory is read-only; cannot sync", e.getMessage());
      assertEquals(0, readOnly.writeCount());
    }
  }
}

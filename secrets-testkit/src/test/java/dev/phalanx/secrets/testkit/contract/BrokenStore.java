package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** A Vault-like store with one chosen defect, for proving that the store kit catches it. */
final class BrokenStore implements SecretStore {

  /** The defects a store can have. */
  enum Defect {
    /** toString() prints every value. */
    LEAKY_TO_STRING,
    /** Check-and-set exceptions quote the value being written. */
    LEAKY_EXCEPTION,
    /** Writes ignore their condition (but the store still claims check-and-set). */
    IGNORES_CAS,
    /** A soft delete removes the application and its version. */
    FORGETS_DELETED,
    /** Claims to be writable but refuses every write. */
    FALSELY_WRITABLE,
    /**
     * Delete only soft-deletes: allowed since Vault does so as Phalanx does (the application reads
     * as deleted with its version, and is left out of listings).
     */
    DELETE_KEEPS_DATA,
    /** Delete does nothing: the application stays live. */
    DELETE_DOES_NOTHING
  }

  private final Map<String, StoredApplication> apps = new TreeMap<>();
  private final @Nullable Defect defect;

  /** A store with the defect, or a correct one when {@code defect} is null. */
  BrokenStore(@Nullable Defect defect) {
    this.defect = defect;
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_WRITE_CAS;
  }

  @Override
  public String describe() {
    return "broken " + defect;
  }

  @Override
  public synchronized SortedSet<String> listApplications() {
    SortedSet<String> out = new TreeSet<>();
    apps.forEach(
        (name, app) -> {
          if (app.isPresent()) {
            out.add(name);
          }
        });
    return out;
  }

  @Override
  public synchronized Optional<StoredApplication> read(String application) {
    return Optional.ofNullable(apps.get(application));
  }

  @Override
  public synchronized long write(
      String application, Map<String, SecretValue> data, WriteCondition condition) {
    if (defect == Defect.FALSELY_WRITABLE) {
      throw new UnsupportedOperationException("read-only after all");
    }
    StoredApplication current = apps.get(application);
    long version = current == null ? 0 : current.version();
    boolean ok =
        condition instanceof WriteCondition.CreateOnly
            ? current == null
            : ((WriteCondition.IfVersion) condition).version() == version;
    if (!ok && defect != Defect.IGNORES_CAS) {
      String message = "refused write to " + application;
      if (defect == Defect.LEAKY_EXCEPTION) {
        StringBuilder values = new StringBuilder();
        data.forEach((k, v) -> values.append(k).append('=').append(v.reveal()).append(' '));
        message += " of " + values;
      }
      throw new CheckAndSetException(application, message);
    }
    apps.put(application, StoredApplication.present(application, data, version + 1));
    return version + 1;
  }

  @Override
  public synchronized void delete(String application) {
    if (defect == Defect.DELETE_KEEPS_DATA) {
      softDelete(application);
      return;
    }
    if (defect == Defect.DELETE_DOES_NOTHING) {
      return;
    }
    apps.remove(application);
  }

  synchronized void softDelete(String application) {
    if (defect == Defect.FORGETS_DELETED) {
      apps.remove(application);
      return;
    }
    StoredApplication current = apps.get(application);
    if (current != null) {
      apps.put(
          application,
          new StoredApplication(
              application, Map.of(), current.version(), StoredApplication.State.DELETED));
    }
  }

  @Override
  public synchronized String toString() {
    if (defect == Defect.LEAKY_TO_STRING) {
      StringBuilder out = new StringBuilder("BrokenStore{");
      apps.forEach(
          (name, app) ->
              app.data()
                  .forEach(
                      (k, v) ->
                          out.append(name)
                              .append('/')
                              .append(k)
                              .append('=')
                              .append(v.reveal())
                              .append(", ")));
      return out.append('}').toString();
    }
    return "BrokenStore[" + defect + "]";
  }
}

package dev.phalanx.secrets.testing;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Core's small map store for engine unit tests (the testkit's in-memory store lives downstream):
 * versions, check-and-set, soft deletion, counters, and faults injected per application.
 */
public final class MapStore implements SecretStore {

  /** A fault of the next write (or delete) to one application. */
  public enum Fault {
    /** Throws before writing: not written. */
    FAIL,
    /** Writes, then throws as if the response was lost: written. */
    LOSE_RESPONSE,
    /** Writes, then throws a check-and-set conflict, as a retried request would get: written. */
    CONFLICT_AFTER_WRITE,
    /** Writes, then throws, and every later read throws too: unknown. */
    LOSE_RESPONSE_AND_READS,
    /** Throws a check-and-set conflict without writing, on every write. */
    ALWAYS_CONFLICT
  }

  private final Map<String, StoredApplication> apps = new TreeMap<>();
  private final Map<String, Fault> faults = new HashMap<>();
  private final List<String> writes = new ArrayList<>();
  private int reads;
  private boolean readsFail;
  private List<String> snapshotApplications = List.of();

  /** Sets a value directly, as an earlier writer would have. */
  public MapStore put(String application, String key, String value) {
    StoredApplication old = apps.get(application);
    Map<String, SecretValue> data = new TreeMap<>();
    if (old != null) {
      data.putAll(old.data());
    }
    data.put(key, SecretValue.of(value));
    apps.put(
        application,
        StoredApplication.present(application, data, old == null ? 1 : old.version() + 1));
    return this;
  }

  /** Removes a key directly; an application left without keys is removed. */
  public MapStore remove(String application, String key) {
    StoredApplication old = apps.get(application);
    if (old == null || !old.data().containsKey(key)) {
      return this;
    }
    Map<String, SecretValue> data = new TreeMap<>(old.data());
    data.remove(key);
    if (data.isEmpty()) {
      apps.remove(application);
    } else {
      apps.put(application, StoredApplication.present(application, data, old.version() + 1));
    }
    return this;
  }

  /** Injects a fault into writes of one application. */
  public MapStore fault(String application, Fault fault) {
    faults.put(application, fault);
    return this;
  }

  /** The applications written (or deleted, prefixed "-"), in order, faulty ones included. */
  public List<String> writes() {
    return writes;
  }

  /** Reads and listings made so far. */
  public int reads() {
    return reads;
  }

  /** Forgets the writes and reads counted so far. */
  public void reset() {
    writes.clear();
    reads = 0;
  }

  /** Every live value, revealed (test code only). */
  public Map<String, Map<String, String>> values() {
    Map<String, Map<String, String>> out = new TreeMap<>();
    apps.forEach(
        (name, app) -> {
          if (app.isPresent()) {
            Map<String, String> data = new TreeMap<>();
            app.data().forEach((k, v) -> data.put(k, v.reveal()));
            out.put(name, data);
          }
        });
    return out;
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_WRITE_CAS;
  }

  @Override
  public String describe() {
    return "map";
  }

  /** The applications the last {@link #snapshot} was asked to read even when not listed. */
  public synchronized List<String> snapshotApplications() {
    return snapshotApplications;
  }

  @Override
  public Map<String, StoredApplication> snapshot(Collection<String> applications) {
    synchronized (this) {
      snapshotApplications = List.copyOf(applications);
    }
    return SecretStore.super.snapshot(applications);
  }

  @Override
  public synchronized SortedSet<String> listApplications() {
    checkRead();
    TreeSet<String> out = new TreeSet<>();
    apps.forEach((name, app) -> out.add(name));
    return out;
  }

  @Override
  public synchronized Optional<StoredApplication> read(String application) {
    checkRead();
    return Optional.ofNullable(apps.get(application));
  }

  private void checkRead() {
    reads++;
    if (readsFail) {
      throw new StoreException("injected: reading map failed");
    }
  }

  @Override
  public synchronized long write(
      String application, Map<String, SecretValue> data, WriteCondition condition) {
    writes.add(application);
    Fault fault = faults.get(application);
    if (fault == Fault.FAIL) {
      faults.remove(application);
      throw new StoreException("injected: writing " + application + " failed");
    }
    if (fault == Fault.ALWAYS_CONFLICT) {
      throw new CheckAndSetException(application, "injected conflict on " + application);
    }
    StoredApplication old = apps.get(application);
    boolean ok =
        condition instanceof WriteCondition.IfVersion v
            ? old != null && old.version() == v.version()
            : !(condition instanceof WriteCondition.CreateOnly) || old == null;
    if (!ok) {
      throw new CheckAndSetException(application, "version moved on " + application);
    }
    long version = old == null ? 1 : old.version() + 1;
    apps.put(application, StoredApplication.present(application, data, version));
    if (fault != null) {
      faults.remove(application);
      switch (fault) {
        case LOSE_RESPONSE ->
            throw new StoreException("injected: response to " + application + " lost");
        case CONFLICT_AFTER_WRITE ->
            throw new CheckAndSetException(application, "injected: retried write refused");
        case LOSE_RESPONSE_AND_READS -> {
          readsFail = true;
          throw new StoreException("injected: response to " + application + " lost");
        }
        default -> throw new IllegalStateException(fault.toString());
      }
    }
    return version;
  }

  @Override
  public synchronized void delete(String application) {
    writes.add("-" + application);
    Fault fault = faults.remove(application);
    if (fault == Fault.FAIL) {
      throw new StoreException("injected: deleting " + application + " failed");
    }
    apps.remove(application);
    if (fault == Fault.LOSE_RESPONSE) {
      throw new StoreException("injected: response to deleting " + application + " lost");
    }
  }
}

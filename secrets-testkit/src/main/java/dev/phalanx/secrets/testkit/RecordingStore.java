package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store decorator for tests: records every successful write and delete, and can fail the N-th
 * write, refuse the next writes with a check-and-set conflict, pause at random to mix threads up,
 * or declare itself read-only. Used by {@code SyncScenarioContract}; wrap any store with it to
 * assert what a sync wrote. Thread-safe.
 */
public final class RecordingStore implements SecretStore {

  /**
   * One successful write, with its content revealed (test code only).
   *
   * @param application the application written
   * @param condition the write condition the engine gave
   * @param data the values written
   */
  public record Write(String application, WriteCondition condition, Map<String, String> data) {}

  private final SecretStore delegate;
  private final List<Write> writes = new ArrayList<>();
  private final List<String> deletes = new ArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile int failOnAttempt = -1;
  private final AtomicInteger conflictsLeft = new AtomicInteger();
  private volatile boolean readOnly;
  private volatile boolean jitter;

  /**
   * Wraps a store.
   *
   * @param delegate the store that holds the data
   */
  public RecordingStore(SecretStore delegate) {
    this.delegate = delegate;
  }

  /**
   * Makes the {@code n}-th write attempt from now on (1-based) fail with a store error.
   *
   * @param n which attempt fails
   * @return this store
   */
  public RecordingStore failWriteNumber(int n) {
    attempts.set(0);
    failOnAttempt = n;
    return this;
  }

  /**
   * Makes the next {@code n} write attempts fail with a check-and-set conflict.
   *
   * @param n how many attempts fail
   * @return this store
   */
  public RecordingStore conflicts(int n) {
    conflictsLeft.set(n);
    return this;
  }

  /**
   * Pauses a random 0 to 3 ms after every read and before every write, to mix threads up.
   *
   * @return this store
   */
  public RecordingStore jitter() {
    jitter = true;
    return this;
  }

  private void pause() {
    if (jitter) {
      try {
        Thread.sleep(ThreadLocalRandom.current().nextInt(4));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * From now on, declares itself read-only and refuses writes and deletes.
   *
   * @return this store
   */
  public RecordingStore readOnly() {
    readOnly = true;
    return this;
  }

  /**
   * The successful writes since the last reset.
   *
   * @return the writes, oldest first
   */
  public synchronized List<Write> writes() {
    return List.copyOf(writes);
  }

  /**
   * The applications written since the last reset.
   *
   * @return the applications, in the order written
   */
  public synchronized List<String> writtenApplications() {
    return writes.stream().map(Write::application).toList();
  }

  /**
   * The applications deleted since the last reset.
   *
   * @return the applications, in the order deleted
   */
  public synchronized List<String> deletes() {
    return List.copyOf(deletes);
  }

  /** Forgets the writes and deletes recorded so far. */
  public synchronized void reset() {
    writes.clear();
    deletes.clear();
  }

  @Override
  public StoreCapabilities capabilities() {
    return readOnly ? StoreCapabilities.READ_ONLY : delegate.capabilities();
  }

  @Override
  public String describe() {
    return "recording " + delegate.describe();
  }

  @Override
  public SortedSet<String> listApplications() {
    return delegate.listApplications();
  }

  @Override
  public Optional<StoredApplication> read(String application) {
    return delegate.read(application);
  }

  @Override
  public Map<String, StoredApplication> readAll(Collection<String> applications) {
    Map<String, StoredApplication> out = delegate.readAll(applications);
    pause();
    return out;
  }

  @Override
  public long write(String application, Map<String, SecretValue> data, WriteCondition condition) {
    if (readOnly) {
      throw new UnsupportedOperationException("read-only");
    }
    pause();
    int attempt = attempts.incrementAndGet();
    if (attempt == failOnAttempt) {
      throw new StoreException("injected failure writing application " + application);
    }
    if (conflictsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new CheckAndSetException(application, "injected conflict on " + application);
    }
    long version = delegate.write(application, data, condition);
    Map<String, String> revealed = new TreeMap<>();
    data.forEach((k, v) -> revealed.put(k, v.reveal()));
    synchronized (this) {
      writes.add(new Write(application, condition, revealed));
    }
    return version;
  }

  @Override
  public void delete(String application) {
    if (readOnly) {
      throw new UnsupportedOperationException("read-only");
    }
    delegate.delete(application);
    synchronized (this) {
      deletes.add(application);
    }
  }

  @Override
  public List<String> warnings() {
    return delegate.warnings();
  }

  @Override
  public String toString() {
    return "RecordingStore[" + delegate + "]";
  }
}

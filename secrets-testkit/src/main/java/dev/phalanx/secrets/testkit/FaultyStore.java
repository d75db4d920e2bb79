package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps any {@link SecretStore} and injects faults, so a program can prove it handles a failing
 * store: failed writes or reads, latency, writes that report success without writing, a
 * check-and-set conflict.
 *
 * <pre>{@code
 * InMemorySecretStore real = InMemorySecretStore.create();
 * FaultyStore store = FaultyStore.wrap(real)
 *     .failWrite(3)                    // the third write throws StoreException
 *     .failWritesTo("gafaelfawr")      // every write to gafaelfawr throws
 *     .conflictOnce("nublado")         // the next write to nublado throws CheckAndSetException
 *     .loseResponseOnce("mobu")        // the next write to mobu lands, then throws
 *     .build();
 * }</pre>
 *
 * <p>Injected failures are {@link StoreException}s (or {@link CheckAndSetException}) whose messages
 * say they were injected and never contain a value. Thread-safe when the wrapped store is.
 */
public final class FaultyStore implements SecretStore {

  private final SecretStore delegate;
  private final Set<Integer> failingWrites;
  private final Set<String> failingApplications;
  private final boolean failReads;
  private final Duration latency;
  private final boolean dropWrites;
  private final Set<String> pendingConflicts;
  private final Set<String> lostResponses;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();

  private FaultyStore(Builder b) {
    this.delegate = b.delegate;
    this.failingWrites = Set.copyOf(b.failingWrites);
    this.failingApplications = Set.copyOf(b.failingApplications);
    this.failReads = b.failReads;
    this.latency = b.latency;
    this.dropWrites = b.dropWrites;
    this.pendingConflicts = Collections.synchronizedSet(new HashSet<>(b.conflicts));
    this.lostResponses = Collections.synchronizedSet(new HashSet<>(b.lostResponses));
  }

  /**
   * Starts wrapping a store.
   *
   * @param delegate the real store
   * @return a builder; with no faults configured the wrapper behaves like the store
   */
  public static Builder wrap(SecretStore delegate) {
    return new Builder(delegate);
  }

  /**
   * How many faults were injected so far.
   *
   * @return the count
   */
  public int injectedFaults() {
    return injected.get();
  }

  /**
   * How many writes were attempted through this wrapper, including failed and dropped ones.
   *
   * @return the count
   */
  public int attemptedWrites() {
    return writes.get();
  }

  private void delay() {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting (injected latency)", e);
    }
  }

  private StoreException fault(String what) {
    injected.incrementAndGet();
    return new StoreException("injected fault: " + what + " in " + delegate.describe());
  }

  private void checkRead(String what) {
    delay();
    if (failReads) {
      throw fault(what);
    }
  }

  @Override
  public StoreCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public String describe() {
    return "faulty " + delegate.describe();
  }

  @Override
  public SortedSet<String> listApplications() {
    checkRead("list");
    return delegate.listApplications();
  }

  @Override
  public Optional<StoredApplication> read(String application) {
    checkRead("read of " + application);
    return delegate.read(application);
  }

  @Override
  public Map<String, StoredApplication> readAll(Collection<String> applications) {
    checkRead("read of " + applications.size() + " applications");
    return delegate.readAll(applications);
  }

  @Override
  public long write(String application, Map<String, SecretValue> data, WriteCondition condition) {
    delay();
    int n = writes.incrementAndGet();
    if (failingWrites.contains(n)) {
      throw fault("write #" + n + " (to " + application + ")");
    }
    if (failingApplications.contains(application)) {
      throw fault("write to " + application);
    }
    if (pendingConflicts.remove(application)) {
      injected.incrementAndGet();
      throw new CheckAndSetException(
          application, "injected check-and-set conflict on " + application);
    }
    if (dropWrites) {
      injected.incrementAndGet();
      Optional<StoredApplication> current = delegate.read(application);
      return current.map(a -> a.version() + 1).orElse(1L);
    }
    long version = delegate.write(application, data, condition);
    if (lostResponses.remove(application)) {
      throw fault("response to the write of " + application + " lost (it was written)");
    }
    return version;
  }

  @Override
  public void delete(String application) {
    delay();
    if (failingApplications.contains(application)) {
      throw fault("delete of " + application);
    }
    if (dropWrites) {
      injected.incrementAndGet();
      return;
    }
    delegate.delete(application);
  }

  @Override
  public List<String> warnings() {
    return delegate.warnings();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "FaultyStore[" + delegate + "]";
  }

  /** Configures the faults of a {@link FaultyStore}. Not thread-safe. */
  public static final class Builder {
    private final SecretStore delegate;
    private final Set<Integer> failingWrites = new HashSet<>();
    private final Set<String> failingApplications = new HashSet<>();
    private boolean failReads;
    private Duration latency = Duration.ZERO;
    private boolean dropWrites;
    private final Set<String> conflicts = new HashSet<>();
    private final Set<String> lostResponses = new HashSet<>();

    private Builder(SecretStore delegate) {
      this.delegate = delegate;
    }

    /**
     * Makes the {@code n}-th write through the wrapper (counting from 1) throw a {@link
     * StoreException}. May be called several times.
     *
     * @param n the write number, at least 1
     * @return this builder
     */
    public Builder failWrite(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("writes are counted from 1");
      }
      failingWrites.add(n);
      return this;
    }

    /**
     * Makes every write and delete of an application throw a {@link StoreException}.
     *
     * @param application the application
     * @return this builder
     */
    public Builder failWritesTo(String application) {
      failingApplications.add(application);
      return this;
    }

    /**
     * Makes every read and listing throw a {@link StoreException}.
     *
     * @return this builder
     */
    public Builder failReads() {
      failReads = true;
      return this;
    }

    /**
     * Adds latency before every operation.
     *
     * @param latency the delay
     * @return this builder
     */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /**
     * Makes writes and deletes report success without changing the store: the silent data loss a
     * program should detect by reading back.
     *
     * @return this builder
     */
    public Builder dropWrites() {
      this.dropWrites = true;
      return this;
    }

    /**
     * Makes the next write to an application throw a {@link CheckAndSetException} once, as if
     * another writer had changed it; later writes go through.
     *
     * @param application the application
     * @return this builder
     */
    public Builder conflictOnce(String application) {
      conflicts.add(application);
      return this;
    }

    /**
     * Makes the next write to an application reach the store and then throw a {@link
     * StoreException} once, as a lost response or a request timeout would: the write happened, but
     * the caller cannot tell.
     *
     * @param application the application
     * @return this builder
     */
    public Builder loseResponseOnce(String application) {
      lostResponses.add(application);
      return this;
    }

    /**
     * Builds the wrapper.
     *
     * @return the faulty store
     */
    public FaultyStore build() {
      return new FaultyStore(this);
    }
  }
}

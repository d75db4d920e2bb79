package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
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
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-safe in-memory {@link SecretStore} that behaves like Vault KV v2: each application has a
 * version incremented on every write, a soft-deleted or destroyed latest version keeps its version
 * number (so check-and-set after a delete works as in Vault), and {@link #delete} removes every
 * version.
 *
 * <p>Counts reads and writes so tests can assert, for example, that a second sync writes nothing.
 *
 * <pre>{@code
 * InMemorySecretStore store = InMemorySecretStore.builder()
 *     .application("gafaelfawr", Map.of("redis-password", "x"))
 *     .build();
 * }</pre>
 */
public final class InMemorySecretStore implements SecretStore {

  private final Map<String, StoredApplication> applications = new TreeMap<>();
  private final StoreCapabilities capabilities;
  private final List<String> warnings;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();

  private InMemorySecretStore(Builder builder) {
    this.capabilities = builder.capabilities;
    this.warnings = List.copyOf(builder.warnings);
    this.applications.putAll(builder.applications);
  }

  /**
   * An empty, writable store.
   *
   * @return the store
   */
  public static InMemorySecretStore create() {
    return builder().build();
  }

  /**
   * A builder for a pre-filled store.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public StoreCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public synchronized SortedSet<String> listApplications() {
    reads.incrementAndGet();
    SortedSet<String> names = new TreeSet<>();
    applications.values().stream()
        .filter(StoredApplication::isPresent)
        .forEach(a -> names.add(a.application()));
    return names;
  }

  @Override
  public synchronized Optional<StoredApplication> read(String application) {
    reads.incrementAndGet();
    return Optional.ofNullable(applications.get(application));
  }

  @Override
  public synchronized Map<String, StoredApplication> readAll(Collection<String> names) {
    Map<String, StoredApplication> out = new TreeMap<>();
    for (String name : names) {
      read(name).ifPresent(a -> out.put(name, a));
    }
    return out;
  }

  @Override
  public synchronized long write(
      String application, Map<String, SecretValue> data, WriteCondition condition) {
    requireWritable();
    StoredApplication current = applications.get(application);
    long currentVersion = current == null ? 0 : current.version();
    if (condition instanceof WriteCondition.CreateOnly && current != null) {
      throw new CheckAndSetException(
          application, "application " + application + " exists at version " + currentVersion);
    }
    if (condition instanceof WriteCondition.IfVersion v && v.version() != currentVersion) {
      throw new CheckAndSetException(
          application,
          "application "
              + application
              + " is at version "
              + currentVersion
              + ", not "
              + v.version());
    }
    long version = currentVersion + 1;
    applications.put(application, StoredApplication.present(application, data, version));
    writes.incrementAndGet();
    return version;
  }

  @Override
  public synchronized void delete(String application) {
    requireWritable();
    if (applications.remove(application) != null) {
      deletes.incrementAndGet();
    }
  }

  private void requireWritable() {
    if (!capabilities.writable()) {
      throw new UnsupportedOperationException("this in-memory store is read-only");
    }
  }

  /**
   * Soft-deletes the latest version of an application, as Vault's {@code DELETE data/...} does.
   *
   * @param application the application
   */
  public synchronized void softDelete(String application) {
    markDeleted(application, StoredApplication.State.DELETED);
  }

  /**
   * Destroys the latest version of an application, as Vault's {@code destroy} does.
   *
   * @param application the application
   */
  public synchronized void destroy(String application) {
    markDeleted(application, StoredApplication.State.DESTROYED);
  }

  private void markDeleted(String application, StoredApplication.State state) {
    StoredApplication current = applications.get(application);
    if (current == null) {
      throw new IllegalArgumentException("no application " + application);
    }
    applications.put(
        application, new StoredApplication(application, Map.of(), current.version(), state));
  }

  /**
   * A snapshot of every application, including deleted ones.
   *
   * @return application name to content
   */
  public synchronized Map<String, StoredApplication> snapshot() {
    return new TreeMap<>(applications);
  }

  /**
   * The current value of one secret.
   *
   * @param application the application
   * @param key the key
   * @return the value, empty when absent
   */
  public synchronized Optional<SecretValue> value(String application, String key) {
    StoredApplication app = applications.get(application);
    return app == null ? Optional.empty() : Optional.ofNullable(app.data().get(key));
  }

  /**
   * How many read operations ({@code listApplications} and per-application reads) were made.
   *
   * @return the count
   */
  public int readCount() {
    return reads.get();
  }

  /**
   * How many writes succeeded.
   *
   * @return the count
   */
  public int writeCount() {
    return writes.get();
  }

  /**
   * How many applications were deleted.
   *
   * @return the count
   */
  public int deleteCount() {
    return deletes.get();
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public synchronized String toString() {
    return "InMemorySecretStore[" + applications.size() + " applications]";
  }

  /** Builds an {@link InMemorySecretStore}. */
  public static final class Builder {
    private final Map<String, StoredApplication> applications = new TreeMap<>();
    private StoreCapabilities capabilities = StoreCapabilities.READ_WRITE_CAS;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an application at version 1.
     *
     * @param name the application
     * @param values key to plain-text value
     * @return this builder
     */
    public Builder application(String name, Map<String, String> values) {
      Map<String, SecretValue> data = new TreeMap<>();
      values.forEach((k, v) -> data.put(k, SecretValue.of(v)));
      applications.put(name, StoredApplication.present(name, data, 1));
      return this;
    }

    /**
     * Makes the store read-only.
     *
     * @return this builder
     */
    public Builder readOnly() {
      capabilities = StoreCapabilities.READ_ONLY;
      return this;
    }

    /**
     * Adds a warning the store reports, as a remote store does for an unlistable path.
     *
     * @param warning the warning
     * @return this builder
     */
    public Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     */
    public InMemorySecretStore build() {
      return new InMemorySecretStore(this);
    }
  }
}

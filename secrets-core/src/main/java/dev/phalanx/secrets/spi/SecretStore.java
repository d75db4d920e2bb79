package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where an environment's resolved secrets live: one entry per application, each a map of secret key
 * to value (a KV v2 secret per application in Vault).
 *
 * <p>Implementations are thread-safe. Failures are reported as {@link
 * dev.phalanx.secrets.StoreException} (or a subclass) whose message names the store, application
 * and status, never a value or credential.
 */
public interface SecretStore extends AutoCloseable {

  /**
   * What this store can do.
   *
   * @return the declared capabilities
   */
  StoreCapabilities capabilities();

  /**
   * A short description for messages, e.g. {@code vault https://vault.example.com
   * secret/phalanx/dev}; never contains credentials.
   *
   * @return the description
   */
  String describe();

  /**
   * The applications that have live data. Soft-deleted and destroyed applications are left out. A
   * store that does not exist yet, or whose listing the credentials may not see, reads as empty;
   * such a store reports that through {@link #warnings()}.
   *
   * @return sorted application names, empty when there are none
   */
  SortedSet<String> listApplications();

  /**
   * Reads one application.
   *
   * @param application the application name
   * @return the application; empty when it never existed (or was removed with all its versions); a
   *     {@link StoredApplication} whose state is not {@code PRESENT} when its latest version was
   *     soft-deleted or destroyed
   */
  Optional<StoredApplication> read(String application);

  /**
   * Reads several applications. The default reads them one by one; remote stores override it to
   * read concurrently.
   *
   * @param applications the names
   * @return name to application, for the applications that exist in any state
   */
  default Map<String, StoredApplication> readAll(Collection<String> applications) {
    Map<String, StoredApplication> out = new LinkedHashMap<>();
    for (String app : applications) {
      read(app).ifPresent(a -> out.put(app, a));
    }
    return out;
  }

  /**
   * Reads everything the store holds that matters for an environment: every application the store
   * lists, plus the given ones (which may not be listed, e.g. when the credentials cannot list), in
   * any state. This is what audit, plan and sync read first.
   *
   * <p>The default lists, then calls {@link #readAll}. Remote stores override it to avoid extra
   * requests: Vault needs one LIST and one read per application, since each read tells a deleted
   * application apart from a live one.
   *
   * @param applications applications to read even when not listed
   * @return name to application, for the applications that exist in any state
   */
  default Map<String, StoredApplication> snapshot(Collection<String> applications) {
    SortedSet<String> names = new TreeSet<>(listApplications());
    names.addAll(applications);
    return readAll(names);
  }

  /**
   * Replaces every key of one application in a single operation.
   *
   * @param application the application name
   * @param data the complete new content
   * @param condition when the write may happen
   * @return the new version
   * @throws dev.phalanx.secrets.CheckAndSetException when the condition does not hold
   * @throws UnsupportedOperationException when the store is not writable
   */
  long write(String application, Map<String, SecretValue> data, WriteCondition condition);

  /**
   * Removes an application: afterwards it no longer reads as present. A store that keeps a history
   * may keep it: Vault soft-deletes the latest version, as Phalanx does, so the application then
   * reads as {@link StoredApplication.State#DELETED} with the version a later write must name
   * ({@link WriteCondition#replacing}). Removing an absent application is a no-op.
   *
   * @param application the application name
   * @throws UnsupportedOperationException when the store is not writable
   */
  void delete(String application);

  /**
   * Conditions a user should know about that do not stop the store from working, e.g. that the
   * credentials may not list the path so an empty listing may be wrong. Never contains secrets.
   *
   * @return warnings, empty by default
   */
  default List<String> warnings() {
    return List.of();
  }

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}

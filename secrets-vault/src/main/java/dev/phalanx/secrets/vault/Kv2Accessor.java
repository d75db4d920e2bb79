package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KV v2 operations on one {@code <mount>/<path>}: the store's logic, also used by copy and export.
 *
 * <p>Listing: a KV v2 LIST still shows soft-deleted and destroyed secrets, so after the LIST each
 * name's metadata is read (concurrently, bounded) and only those whose current version is live are
 * kept. Metadata reads fetch no secret values. When metadata may not be read (403), the data is
 * read instead.
 */
final class Kv2Accessor {

  private static final Logger LOG = LoggerFactory.getLogger(Kv2Accessor.class);

  private final VaultClient client;
  private final Kv2Paths paths;
  private final ParallelCalls calls;
  private final Clock clock;
  private final Set<String> warnings = new LinkedHashSet<>();
  private final MountCheck mountCheck;
  private volatile boolean listingDenied;

  /**
   * The KV version check of the accessor's mount ({@link VaultConnection#requireKv2}): one request
   * per mount and connection, however many threads ask at once.
   */
  interface MountCheck {
    /** Returns once the mount is known to be KV version 2 (or cannot be checked); else throws. */
    void require();

    /**
     * Starts the check unless it is under way or done, without waiting for it: a read sends its
     * request meanwhile and {@link #require()}s before it uses the reply.
     */
    void start();

    /** No check (tests and tools that have checked already). */
    MountCheck NONE =
        new MountCheck() {
          @Override
          public void require() {}

          @Override
          public void start() {}
        };
  }

  /**
   * @param mountCheck required before every operation: refuses a mount that is not KV version 2
   *     (writes and deletes wait for it before they send; reads overlap it)
   */
  Kv2Accessor(
      VaultClient client, Kv2Paths paths, ParallelCalls calls, Clock clock, MountCheck mountCheck) {
    this.client = client;
    this.paths = paths;
    this.calls = calls;
    this.clock = clock;
    this.mountCheck = mountCheck;
  }

  /** Whether the last LIST was denied (403), so the listing may be incomplete. */
  boolean listingDenied() {
    return listingDenied;
  }

  Kv2Paths paths() {
    return paths;
  }

  synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  private synchronized void warn(String warning) {
    if (warnings.add(warning)) {
      // Returned to the caller, which reports it: logged at debug only, never printed twice.
      LOG.debug(warning);
    }
  }

  /** {@link #listNames()} on the connection's request threads, while the caller goes on. */
  CompletableFuture<List<String>> startListNames() {
    return calls.start(this::listNames);
  }

  /** Every name listed, folders left out, whatever its state. */
  List<String> listNames() {
    return listNames(new ArrayList<>());
  }

  /**
   * Every name listed, whatever its state; folders (names ending with {@code /}) go to {@code
   * folders} instead.
   */
  List<String> listNames(List<String> folders) {
    mountCheck.start();
    String folder = paths.metadataFolder();
    VaultResponse response = null;
    VaultException failure = null;
    try {
      response = client.list(folder);
    } catch (VaultException e) {
      failure = e;
    }
    mountCheck.require(); // a KV v1 mount is reported as such, not as a failed listing
    if (failure != null) {
      if (failure.status() == 403) {
        listingDenied = true;
        warn(forbiddenListing(folder, failure));
        return List.of();
      }
      throw failure;
    }
    listingDenied = false;
    if (response.isNotFound()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String name : response.body().strings("data", "keys")) {
      if (name.isEmpty()) {
        continue;
      }
      if (name.endsWith("/")) {
        folders.add(name);
        continue;
      }
      if (!Kv2Paths.isApplication(name)) {
        warn("ignoring the Vault secret with an invalid application name under " + paths);
        continue;
      }
      names.add(name);
    }
    return names;
  }

  SortedSet<String> listLive() {
    List<String> names = listNames();
    List<Boolean> live = calls.map(names, this::isLive);
    SortedSet<String> out = new TreeSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (live.get(i)) {
        out.add(names.get(i));
      }
    }
    return out;
  }

  private boolean isLive(String application) {
    VaultResponse response;
    try {
      response = client.get(paths.metadata(application));
    } catch (VaultException e) {
      if (e.status() == 403) {
        return read(application).map(StoredApplication::isPresent).orElse(false);
      }
      throw e;
    }
    if (response.isNotFound()) {
      return false;
    }
    String current = response.body().text("data", "current_version");
    current = current.isEmpty() ? "0" : current;
    if (!response.body().has("data", "versions", current)
        || response.body().flag("data", "versions", current, "destroyed")) {
      return false;
    }
    return !isDeleted(response.body().text("data", "versions", current, "deletion_time"));
  }

  /** A deletion time may lie in the future when {@code delete_version_after} is set. */
  private boolean isDeleted(String deletionTime) {
    if (deletionTime.isEmpty()) {
      return false;
    }
    try {
      return !Instant.parse(deletionTime).isAfter(clock.instant());
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  /**
   * The warning for a listing denied with 403. When even {@code sys/capabilities-self} (granted by
   * the {@code default} policy) is denied, the token itself is invalid or expired: then the
   * original error is thrown rather than reading as empty.
   */
  private String forbiddenListing(String folder, VaultException denied) {
    String capabilities;
    try {
      VaultResponse r = client.post("sys/capabilities-self", Map.of("paths", List.of(folder)));
      List<String> list =
          r.body().has("data", folder)
              ? r.body().strings("data", folder)
              : r.body().strings("data", "capabilities");
      capabilities = list.toString();
    } catch (VaultException e) {
      if (e.status() == 403) {
        throw denied;
      }
      capabilities = "unknown (sys/capabilities-self failed)";
    } catch (StoreException e) {
      capabilities = "unknown (sys/capabilities-self failed)";
    }
    return "the Vault token cannot list "
        + folder
        + " (its capabilities there: "
        + capabilities
        + "); the list of applications reads as empty and may be incomplete";
  }

  Optional<StoredApplication> read(String application) {
    String path = paths.data(application);
    mountCheck.start();
    VaultResponse response;
    try {
      response = client.get(path);
    } finally {
      mountCheck.require(); // before the reply is used, or instead of its error
    }
    if (response.isNotFound() && !response.body().isObject("data", "metadata")) {
      return Optional.empty();
    }
    long version = response.body().number("data", "metadata", "version");
    if (!response.isNotFound() && response.body().isObject("data", "data")) {
      Map<String, SecretValue> out = new TreeMap<>();
      // Phalanx stores strings; anything else is kept as its JSON text.
      response.body().texts("data", "data").forEach((k, v) -> out.put(k, SecretValue.of(v)));
      return Optional.of(StoredApplication.present(application, out, version));
    }
    StoredApplication.State state =
        response.body().flag("data", "metadata", "destroyed")
            ? StoredApplication.State.DESTROYED
            : StoredApplication.State.DELETED;
    return Optional.of(new StoredApplication(application, Map.of(), version, state));
  }

  Map<String, StoredApplication> readAll(Collection<String> applications) {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(applications));
    names.forEach(Kv2Paths::application);
    List<Optional<StoredApplication>> read = calls.map(names, this::read);
    Map<String, StoredApplication> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      read.get(i).ifPresent(a -> out.put(name, a));
    }
    return out;
  }

  long write(String application, Map<String, SecretValue> data, WriteCondition condition) {
    long cas;
    if (condition instanceof WriteCondition.IfVersion v) {
      cas = v.version();
    } else {
      cas = 0;
    }
    String path = paths.data(application);
    mountCheck.require();
    Map<String, String> values = new TreeMap<>();
    data.forEach((k, v) -> values.put(k, v.reveal()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("options", Map.of("cas", cas));
    body.put("data", values);
    VaultResponse response;
    try {
      response = client.post(path, body);
    } catch (VaultException e) {
      if (e.status() == 400
          && e.errors().stream()
              .anyMatch(m -> m.contains("check-and-set parameter did not match"))) {
        notAConflict(application, path, cas);
        throw new CheckAndSetException(
            application,
            "Vault "
                + path
                + ": check-and-set failed: "
                + (cas == 0
                    ? "expected no current version (create only) but the secret exists"
                    : "expected version " + cas + " but the current version differs"));
      }
      throw e;
    }
    if (response.isNotFound()) {
      throw new VaultException(
          "Vault answered 404 to a write of " + path + "; is " + paths.mount() + " a KV v2 mount?",
          404,
          path,
          List.of(),
          null);
    }
    long version = response.body().number("data", "version");
    LOG.debug("wrote {} version {} ({} keys)", path, version, data.size());
    return version;
  }

  /**
   * A refused check-and-set is a conflict only when the application's current version is not the
   * one the write expected. When a direct read shows the expected version (or no version for a
   * create-only write), something else is wrong, and saying "concurrent change" would send the user
   * looking for a writer that does not exist.
   */
  private void notAConflict(String application, String path, long cas) {
    long current;
    try {
      current = read(application).map(StoredApplication::version).orElse(0L);
    } catch (StoreException e) {
      return; // cannot tell: report the refusal as Vault gave it
    }
    if (current == cas) {
      throw new StoreException(
          "Vault "
              + path
              + " refused a check-and-set write expecting version "
              + cas
              + ", yet the version read back is "
              + cas
              + "; this is not a concurrent change (check the mount's cas_required and"
              + " max_versions settings and the token's policy)");
    }
  }

  /**
   * Soft-deletes the latest version ({@code DELETE <mount>/data/<path>/<app>}), as Phalanx does:
   * the history is kept and {@code kv undelete} can recover it; a later write uses the deleted
   * version for check-and-set. Deleting an absent application is a no-op.
   */
  void delete(String application) {
    String path = paths.data(application);
    mountCheck.require();
    client.delete(path);
    LOG.debug("soft-deleted the latest version of {}", path);
  }
}

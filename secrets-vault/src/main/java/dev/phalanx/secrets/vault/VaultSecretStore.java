package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.http.HttpSettings;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreCapabilities;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SecretStore} over Vault/OpenBao KV v2: one secret per application at {@code
 * <mount>/data/<path>/<app>}, written with check-and-set so it works on a mount with {@code
 * cas_required=true}.
 *
 * <ul>
 *   <li>{@link #listApplications()}: {@code LIST <mount>/metadata/<path>}, folders ignored; a 404
 *       is empty; a 403 is empty plus a {@link #warnings() warning} naming the token's capabilities
 *       on the path ({@code sys/capabilities-self}), unless that check is denied too: then the
 *       token itself is invalid and the 403 is thrown. Each listed name's metadata is then read
 *       (concurrently) to leave out soft-deleted and destroyed ones, so a listing of N names costs
 *       1 + N requests and fetches no value.
 *   <li>{@link #read}: empty when the secret never existed or was deleted with all its versions;
 *       {@code DELETED} or {@code DESTROYED} with the version (for CAS) when the latest version was
 *       soft-deleted or destroyed.
 *   <li>{@link #readAll}: the reads run concurrently, at most option {@code concurrency} (default
 *       16) at a time.
 *   <li>{@link #write}: {@code cas=0} for create-only, {@code cas=N} for a version; a mismatch
 *       throws {@link CheckAndSetException} (never retried here).
 *   <li>{@link #delete}: {@code DELETE <mount>/data/<path>/<app>}: the latest version is
 *       soft-deleted, as Phalanx does, so the history is kept and {@code kv undelete} recovers it;
 *       the application then reads as {@code DELETED} and a later write uses its version for
 *       check-and-set.
 * </ul>
 *
 * <p>The mount must be KV version 2: the first operation asks the server ({@code GET
 * sys/internal/ui/mounts/<mount>}) and a KV version 1 mount is refused with a {@link
 * StoreException}.
 *
 * <p>Application names are one path segment (no {@code /}, not {@code .} or {@code ..}); others are
 * refused with {@link IllegalArgumentException}. Thread-safe. Close it to release connections.
 */
public final class VaultSecretStore implements SecretStore {

  /** The application holding the environment's pull secret. */
  static final String PULL_SECRET = "pull-secret";

  private final VaultConnection connection;
  private final Kv2Accessor kv;

  /** A store on a connection of its own, or on a view of a group's shared connection. */
  VaultSecretStore(VaultConnection connection) {
    this.connection = connection;
    this.kv = connection.accessor(connection.config.paths());
  }

  /**
   * Creates a store from its configuration. Sends no request: the first operation logs in.
   *
   * <p>Options: {@code vault-url}, {@code namespace}, {@code ca-cert}, {@code connect-timeout},
   * {@code request-timeout}, {@code retry-max-attempts}, {@code retry-initial-backoff}, {@code
   * retry-max-backoff}, {@code retry-max-total}, {@code retry-after-max}, {@code concurrency},
   * {@code token-renewal}, {@code auth}, {@code auth-mount}, {@code role-id}, {@code
   * kubernetes-role}, {@code kubernetes-jwt-path} (see {@link HttpSettings} and README). Durations
   * are written {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d} or a plain number of
   * seconds.
   *
   * @param config location ({@code <mount>/<path>}, or empty for the environment's prefix),
   *     options, credentials and environment
   * @return the store
   * @throws ConfigurationException listing every invalid or missing setting
   */
  public static VaultSecretStore open(StoreConfig config) {
    return open(config, VaultConnection.systemEnv(), VaultConnection.userHome(), Clock.systemUTC());
  }

  /**
   * Creates a store reading environment variables and the home directory through the given
   * functions, for tests and embedding programs.
   *
   * @param config the configuration
   * @param env reads an environment variable ({@code VAULT_TOKEN}, {@code VAULT_CACERT}, ...),
   *     returning null when unset
   * @param home the directory where {@code .vault-token} is looked for
   * @param clock the time source
   * @return the store
   * @throws ConfigurationException listing every invalid or missing setting
   */
  public static VaultSecretStore open(
      StoreConfig config, Function<String, @Nullable String> env, Path home, Clock clock) {
    return new VaultSecretStore(VaultConnection.open(config, env, home, clock));
  }

  @Override
  public StoreCapabilities capabilities() {
    return StoreCapabilities.READ_WRITE_CAS;
  }

  @Override
  public String describe() {
    return connection.describe();
  }

  /**
   * Where the store's credentials come from, for telling the user which token is used (e.g. {@code
   * the file /home/me/.vault-token}). Never a credential.
   *
   * @return the description
   */
  public String credentialSource() {
    return connection.credentialSource();
  }

  @Override
  public SortedSet<String> listApplications() {
    return kv.listLive();
  }

  @Override
  public Optional<StoredApplication> read(String application) {
    return kv.read(application);
  }

  @Override
  public Map<String, StoredApplication> readAll(Collection<String> applications) {
    return kv.readAll(applications);
  }

  /**
   * One {@code LIST} and one read per application: 1 + N requests. The given applications are read
   * while the LIST is in flight (they do not depend on it), then any listed application not among
   * them; deleted applications come back with their state, so no metadata reads are needed.
   */
  @Override
  public Map<String, StoredApplication> snapshot(Collection<String> applications) {
    CompletableFuture<List<String>> listing = kv.startListNames();
    Map<String, StoredApplication> found = new TreeMap<>(kv.readAll(applications));
    List<String> listed;
    try {
      listed = listing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    SortedSet<String> rest = new TreeSet<>(listed);
    if (kv.listingDenied()) {
      // The listing is empty when the token may read but not list: the environment's pull secret
      // is then read directly, like the applications, rather than reported missing (and
      // re-created with create-only writes that Vault refuses).
      rest.add(PULL_SECRET);
    }
    rest.removeAll(applications);
    found.putAll(kv.readAll(rest));
    return found;
  }

  @Override
  public long write(String application, Map<String, SecretValue> data, WriteCondition condition) {
    return kv.write(application, data, condition);
  }

  @Override
  public void delete(String application) {
    kv.delete(application);
  }

  @Override
  public List<String> warnings() {
    return kv.warnings();
  }

  @Override
  public void close() {
    connection.close();
  }

  /** The description: server and path, never a credential. */
  @Override
  public String toString() {
    return describe();
  }
}

package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.authentication.SessionManager;
import dev.phalanx.secrets.vault.client.VaultClient;
import dev.phalanx.secrets.vault.client.VaultException;
import dev.phalanx.secrets.vault.client.VaultResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checked store configuration with its authenticated client: what {@link VaultSecretStore} and
 * the credential administration ({@code dev.phalanx.secrets.vault.admin}) are built on. Also the
 * bulk KV operations of the {@code vault} command: {@link #copySecrets} and {@link #exportSecrets}.
 * Opening sends no request (login happens on the first one). Thread-safe; close it to release
 * connections.
 */
public final class VaultConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VaultConnection.class);

  final VaultConfig config;
  final VaultClient client;
  final Clock clock;

  /** Mount name to the outcome of its KV version check: null while unchecked. */
  private final Map<String, Boolean> checkedMounts = new ConcurrentHashMap<>();

  private VaultConnection(VaultConfig config, VaultClient client, Clock clock) {
    this.config = config;
    this.client = client;
    this.clock = clock;
  }

  /**
   * Opens a connection from a store configuration, reading environment variables and the home
   * directory of this process.
   *
   * @param config as for {@link VaultSecretStore#open(StoreConfig)}
   * @return the connection
   * @throws ConfigurationException listing every invalid or missing setting
   */
  public static VaultConnection open(StoreConfig config) {
    return open(config, systemEnv(), userHome(), Clock.systemUTC());
  }

  /**
   * Opens a connection with environment variables, home directory and clock injected.
   *
   * @param storeConfig the configuration
   * @param env reads an environment variable, null when unset
   * @param home where {@code .vault-token} is looked for
   * @param clock the time source
   * @return the connection
   * @throws ConfigurationException listing every invalid or missing setting
   */
  public static VaultConnection open(
      StoreConfig storeConfig, Function<String, @Nullable String> env, Path home, Clock clock) {
    VaultConfig config = VaultConfig.from(storeConfig, env, home);
    VaultClient raw = VaultClient.create(config.client());
    SessionManager session =
        new SessionManager(config.authentication(), raw, clock, config.tokenRenewal());
    LOG.debug("Vault credentials: {}", config.authentication().source());
    return new VaultConnection(config, raw.withTokens(session), clock);
  }

  /**
   * The authenticated client, for requests the store does not make (policies, AppRoles, tokens).
   *
   * @return the client
   */
  public VaultClient client() {
    return client;
  }

  /**
   * The environment's prefix, {@code <mount>/<path>}.
   *
   * @return the prefix
   */
  public String prefix() {
    return config.paths().prefix();
  }

  /**
   * The time source given at opening.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Applies a blocking call to each item, at most option {@code concurrency} (default 16) at a
   * time; the first failure is rethrown and the other calls cancelled.
   *
   * @param <T> the item type
   * @param <R> the result type
   * @param items the items
   * @param call the call, typically one request
   * @return the results, in item order
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> call) {
    return ParallelCalls.map(items, config.concurrency(), call);
  }

  /**
   * Copies every live application from one prefix to another (sub-folders are skipped, other target
   * applications are left alone). Refuses, before writing anything, to copy a prefix onto itself,
   * and to replace a live application at the target whose data differs unless {@code overwrite} is
   * set: an overwritten version stays in the target's KV history. An application whose target
   * already holds the same data is not written again.
   *
   * @param fromPrefix the source, {@code <mount>/<path>}
   * @param toPrefix the target, {@code <mount>/<path>}
   * @param overwrite whether live target applications holding other data may be replaced
   * @return what was copied
   * @throws PhalanxSecretsException when the prefixes are the same or invalid, or when target
   *     applications would be overwritten without {@code overwrite} (then nothing is written)
   * @throws StoreException when a read or write fails; applications copied before stay copied
   */
  public CopyResult copySecrets(String fromPrefix, String toPrefix, boolean overwrite) {
    return Kv2Transfers.copy(
        accessor(Kv2Paths.parse(fromPrefix)), accessor(Kv2Paths.parse(toPrefix)), overwrite);
  }

  /**
   * Writes every live application of the environment to {@code <dir>/<app>.json} in the one export
   * format (Phalanx's {@code export-secrets} bytes), each file owner-only ({@code 0600}) and
   * written atomically; the directory is created ({@code 0700}) when missing.
   *
   * @param dir the output directory
   * @return the files written, in application order
   * @throws StoreException when Vault or the file system fails
   */
  public List<Path> exportSecrets(Path dir) {
    return Kv2Transfers.export(accessor(config.paths()), dir);
  }

  Kv2Accessor accessor(Kv2Paths paths) {
    return new Kv2Accessor(
        client, paths, config.concurrency(), clock, () -> requireKv2(paths.mount()));
  }

  /**
   * Refuses a mount that is not KV version 2, asking {@code GET sys/internal/ui/mounts/<mount>}
   * once per mount and connection (any token with a capability on the path may ask). A KV v1 mount
   * would otherwise take writes at {@code <mount>/data/...} as ordinary secrets and report them
   * synced. When the server does not say (the endpoint denied or unknown), nothing is refused: the
   * KV v2 requests then fail or succeed on their own.
   *
   * @throws StoreException when the mount is KV version 1 (or another secrets engine)
   */
  void requireKv2(String mount) {
    if (checkedMounts.containsKey(mount)) {
      return;
    }
    String problem = null;
    try {
      VaultResponse r = client.get("sys/internal/ui/mounts/" + mount);
      if (!r.isNotFound() && r.isObject("data") && r.has("data", "type")) {
        String type = r.text("data", "type");
        String version = r.text("data", "options", "version");
        version = version.isEmpty() ? "1" : version;
        if (type.equals("kv") || type.equals("generic")) {
          if (!version.equals("2")) {
            problem =
                "the Vault mount "
                    + mount
                    + "/ at "
                    + client.options().address()
                    + " is a KV version "
                    + version
                    + " mount; phalanx-secrets needs KV version 2 (upgrade it with `vault kv"
                    + " enable-versioning "
                    + mount
                    + "/` or use a KV v2 mount)";
          }
        } else {
          problem =
              "the Vault mount "
                  + mount
                  + "/ at "
                  + client.options().address()
                  + " is a '"
                  + type
                  + "' secrets engine, not KV version 2";
        }
      } else {
        LOG.debug("the server did not describe the mount {}; KV version not checked", mount);
      }
    } catch (VaultException e) {
      if (e.status() == 0 || e.status() == 401) {
        throw e; // no server, or the token is refused: every later request would fail the same way
      }
      LOG.debug("cannot check the KV version of mount {} ({}); not checked", mount, e.status());
    }
    if (problem != null) {
      throw new StoreException(problem);
    }
    checkedMounts.put(mount, Boolean.TRUE);
  }

  /**
   * Server and path, never a credential.
   *
   * @return the description
   */
  public String describe() {
    return "vault " + client.options().address() + " " + config.paths().prefix();
  }

  /**
   * Where the token came from; see {@link VaultSecretStore#credentialSource()}.
   *
   * @return the description, never the token
   */
  public String credentialSource() {
    return config.authentication().source();
  }

  @Override
  public String toString() {
    return "VaultConnection[" + describe() + "]";
  }

  @Override
  public void close() {
    client.close();
  }

  static Function<String, @Nullable String> systemEnv() {
    return System::getenv;
  }

  /**
   * The user's home directory as the shell has it: {@code $HOME}, so that {@code ~/.vault-token} is
   * the file {@code vault login} wrote; the JVM's {@code user.home} only when {@code HOME} is
   * unset.
   */
  static Path userHome() {
    return userHome(systemEnv());
  }

  static Path userHome(Function<String, @Nullable String> env) {
    String home = env.apply("HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home", "."));
  }
}

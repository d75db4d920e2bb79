package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 *
 * <p>Any other Vault API request goes through {@link #read}, {@link #list}, {@link #write} and
 * {@link #put}: paths without {@code /v1/}, bodies as plain maps, replies as {@link VaultReply}
 * (read by path, e.g. {@code reply.text("data", "policy")}) and failures as {@link VaultException}.
 * Each request carries the session token (logging in or renewing it first when needed), the
 * namespace, the timeouts, retries and redirect rules of the store:
 *
 * <pre>{@code
 * // with: StoreConfig config
 * try (VaultConnection vault = VaultConnection.open(config)) {
 *   Optional<String> policy =
 *       vault.read("sys/policies/acl/dev/read").map(r -> r.text("data", "policy"));
 *   List<String> accessors = vault.list("auth/token/accessors");
 * }
 * }</pre>
 */
public final class VaultConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VaultConnection.class);

  final VaultConfig config;
  final VaultClient client;
  final Clock clock;

  /**
   * Mount name to its KV version check: under way or passed. A failed check is removed, so that a
   * later operation asks again (and fails again, or passes once the mount is fixed).
   */
  private final Map<String, CompletableFuture<Void>> mountChecks;

  /** The threads of concurrent requests, kept between batches and shared with the views. */
  private final ParallelCalls calls;

  private final boolean ownsClient;

  private VaultConnection(VaultConfig config, VaultClient client, Clock clock) {
    this(
        config,
        client,
        clock,
        new ConcurrentHashMap<>(),
        new ParallelCalls(config.concurrency()),
        true);
  }

  private VaultConnection(
      VaultConfig config,
      VaultClient client,
      Clock clock,
      Map<String, CompletableFuture<Void>> mountChecks,
      ParallelCalls calls,
      boolean ownsClient) {
    this.config = config;
    this.client = client;
    this.clock = clock;
    this.mountChecks = mountChecks;
    this.calls = calls;
    this.ownsClient = ownsClient;
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
    return open(VaultConfig.from(storeConfig, env, home), clock);
  }

  /** Opens a connection for a checked configuration. Sends no request. */
  static VaultConnection open(VaultConfig config, Clock clock) {
    VaultClient raw = VaultClient.create(config.client());
    SessionManager session =
        new SessionManager(config.authentication(), raw, clock, config.tokenRenewal());
    LOG.debug("Vault credentials: {}", config.authentication().source());
    return new VaultConnection(config, raw.withTokens(session), clock);
  }

  /**
   * {@code GET path} with the connection's token, for requests the store does not make (policies,
   * AppRoles, tokens).
   *
   * @param path the API path without {@code /v1/}, e.g. {@code sys/policies/acl/dev/read}; each
   *     segment is percent-encoded
   * @return the reply, empty when Vault answers 404 (absent)
   * @throws VaultException for any other non-2xx status or when no answer came back; the message
   *     names the server, method, path and status, never a token or a secret value
   */
  public Optional<VaultReply> read(String path) {
    return found(client.get(path));
  }

  /**
   * {@code LIST path} (sent as {@code GET path?list=true}): the keys Vault lists there.
   *
   * @param path the API path, e.g. {@code auth/token/accessors}
   * @return the members of {@code data.keys}, empty when Vault answers 404 (nothing listed)
   * @throws VaultException as for {@link #read}
   */
  public List<String> list(String path) {
    return client.list(path).body().strings("data", "keys");
  }

  /**
   * {@code POST path} with a JSON body, Vault's write.
   *
   * @param path the API path, e.g. {@code auth/token/create}
   * @param body the body: a map of strings, numbers, booleans, lists and maps
   * @return the reply (an empty one for {@code 204 No Content}), empty when Vault answers 404
   * @throws VaultException as for {@link #read}
   */
  public Optional<VaultReply> write(String path, Map<String, ?> body) {
    return found(client.post(path, body));
  }

  /**
   * {@code PUT path} with a JSON body, for the endpoints Vault documents with {@code PUT} (e.g.
   * {@code sys/policies/acl/<name>}); otherwise as {@link #write}.
   *
   * @param path the API path
   * @param body the body, as for {@link #write}
   * @return the reply, empty when Vault answers 404
   * @throws VaultException as for {@link #read}
   */
  public Optional<VaultReply> put(String path, Map<String, ?> body) {
    return found(client.send("PUT", path, body, null));
  }

  private static Optional<VaultReply> found(VaultResponse response) {
    return response.isNotFound() ? Optional.empty() : Optional.of(response.body());
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
   * time, on the connection's request threads and the calling thread. On the first failure no
   * further item is started, the calls in flight are interrupted, and the failure is rethrown once
   * they have stopped.
   *
   * @param <T> the item type
   * @param <R> the result type
   * @param items the items
   * @param call the call, typically one request
   * @return the results, in item order
   */
  public <T, R> List<R> map(List<T> items, Function<T, R> call) {
    return calls.map(items, call);
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
    String mount = paths.mount();
    return new Kv2Accessor(
        client,
        paths,
        calls,
        clock,
        new Kv2Accessor.MountCheck() {
          @Override
          public void require() {
            requireKv2(mount);
          }

          @Override
          public void start() {
            startKv2Check(mount);
          }
        });
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
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> check = mountChecks.putIfAbsent(mount, mine);
    if (check == null) {
      runKv2Check(mount, mine);
      check = mine;
    }
    try {
      check.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Starts {@link #requireKv2}'s check on a daemon thread unless it is under way or passed, and
   * returns at once: a read sends its own request meanwhile, so the check adds no round trip.
   */
  void startKv2Check(String mount) {
    if (mountChecks.containsKey(mount)) {
      return;
    }
    CompletableFuture<Void> mine = new CompletableFuture<>();
    if (mountChecks.putIfAbsent(mount, mine) == null) {
      Thread thread = new Thread(() -> runKv2Check(mount, mine), "phalanx-vault-mount-check");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Runs the check and completes {@code result}; a failed check is forgotten. */
  private void runKv2Check(String mount, CompletableFuture<Void> result) {
    try {
      checkKv2(mount);
      result.complete(null);
    } catch (RuntimeException e) {
      mountChecks.remove(mount, result);
      result.completeExceptionally(e);
    } catch (Error e) {
      mountChecks.remove(mount, result);
      result.completeExceptionally(e);
      throw e;
    }
  }

  private void checkKv2(String mount) {
    String problem = null;
    try {
      VaultResponse r = client.get("sys/internal/ui/mounts/" + mount);
      if (!r.isNotFound() && r.body().isObject("data") && r.body().has("data", "type")) {
        String type = r.body().text("data", "type");
        String version = r.body().text("data", "options", "version");
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

  /**
   * This connection's client, session and mount checks under another configuration that differs at
   * most in its paths (for the stores of a {@link VaultStoreGroup}); closing the view leaves them
   * open.
   */
  VaultConnection sharedWith(VaultConfig other) {
    return new VaultConnection(other, client, clock, mountChecks, calls, false);
  }

  /**
   * Closes the HTTP client and its request threads, unless this is a view made by {@link
   * #sharedWith}.
   */
  @Override
  public void close() {
    if (ownsClient) {
      calls.close();
      client.close();
    }
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

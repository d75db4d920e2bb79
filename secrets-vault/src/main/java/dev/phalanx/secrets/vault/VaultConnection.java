package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.authentication.SessionManager;
import dev.phalanx.secrets.vault.client.VaultClient;
import dev.phalanx.secrets.vault.client.VaultException;
import dev.phalanx.secrets.vault.client.VaultResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A checked configuration with its authenticated client; shared by the store and credentials. */
final class VaultConnection implements AutoCloseable {

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

  /** No request is sent here: login happens on the first request. */
  static VaultConnection open(
      StoreConfig storeConfig, Function<String, @Nullable String> env, Path home, Clock clock) {
    VaultConfig config = VaultConfig.from(storeConfig, env, home);
    VaultClient raw = VaultClient.create(config.client());
    SessionManager session =
        new SessionManager(config.authentication(), raw, clock, config.tokenRenewal());
    LOG.debug("Vault credentials: {}", config.authentication().source());
    return new VaultConnection(config, raw.withTokens(session), clock);
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
      JsonNode data = r.data();
      if (!r.isNotFound() && data.isObject() && data.has("type")) {
        String type = data.path("type").asText("");
        String version = data.path("options").path("version").asText("1");
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

  String describe() {
    return "vault " + client.options().address() + " " + config.paths().prefix();
  }

  /** Where the token came from; see {@link VaultSecretStore#credentialSource()}. */
  String credentialSource() {
    return config.authentication().source();
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

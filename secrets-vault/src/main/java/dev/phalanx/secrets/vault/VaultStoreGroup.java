package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoreGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vault stores that share a connection when they differ only in their path: same server, namespace,
 * CA, timeouts, retries, concurrency, renewal and credentials. They then share one HTTP client and
 * its pooled connections (no new TCP and TLS handshakes per environment), one token session (one
 * {@code lookup-self}, one login for AppRole or Kubernetes) and each mount's KV version check.
 * Stores that differ in anything else get connections of their own.
 */
final class VaultStoreGroup implements StoreGroup {

  private static final Logger LOG = LoggerFactory.getLogger(VaultStoreGroup.class);

  /** What two configurations must have in common to share a connection. */
  private record Sharing(
      VaultClientOptions client,
      List<Object> authentication,
      int concurrency,
      boolean tokenRenewal) {

    static Sharing of(VaultConfig config) {
      return new Sharing(
          config.client(),
          config.authentication().identity(),
          config.concurrency(),
          config.tokenRenewal());
    }

    /** Never the credentials (their text form is redacted anyway). */
    @Override
    public String toString() {
      return client.address().toString();
    }
  }

  private final Function<String, @Nullable String> env;
  private final Path home;
  private final Clock clock;
  private final Map<Sharing, VaultConnection> connections = new LinkedHashMap<>();
  private boolean closed;

  VaultStoreGroup(Function<String, @Nullable String> env, Path home, Clock clock) {
    this.env = env;
    this.home = home;
    this.clock = clock;
  }

  @Override
  public SecretStore create(StoreConfig config) {
    VaultConfig vault = VaultConfig.from(config, env, home);
    Sharing key = Sharing.of(vault);
    VaultConnection shared;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the Vault store group is closed");
      }
      shared = connections.get(key);
      if (shared == null) {
        // Opening sends no request and takes no lock of its own: cheap under this one.
        shared = VaultConnection.open(vault, clock);
        connections.put(key, shared);
        LOG.debug("Vault store group: new connection to {}", key);
      }
    }
    return new VaultSecretStore(shared.sharedWith(vault));
  }

  @Override
  public void close() {
    List<VaultConnection> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(connections.values());
      connections.clear();
    }
    open.forEach(VaultConnection::close);
  }

  /** How many connections the group holds: for tests and debugging. */
  synchronized int connections() {
    return connections.size();
  }

  @Override
  public synchronized String toString() {
    return "VaultStoreGroup[" + connections.size() + " connections]";
  }
}

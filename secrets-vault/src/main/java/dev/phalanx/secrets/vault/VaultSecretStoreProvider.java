package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.http.BackendHttp;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoreGroup;
import java.time.Clock;
import java.util.ServiceLoader;
import java.util.Set;

/** The {@code vault} store type: {@code vault:} or {@code vault:<mount>/<path>}. */
public final class VaultSecretStoreProvider implements SecretStoreProvider {

  /** For {@link ServiceLoader}; does nothing. */
  public VaultSecretStoreProvider() {}

  /**
   * The type key.
   *
   * @return {@code vault}
   */
  @Override
  public String type() {
    return "vault";
  }

  /**
   * Creates a {@link VaultSecretStore}; see {@link VaultSecretStore#open(StoreConfig)}.
   *
   * @param config the configuration
   * @return the store
   * @throws ConfigurationException when a setting is invalid or missing
   */
  @Override
  public SecretStore create(StoreConfig config) {
    return VaultSecretStore.open(config);
  }

  /**
   * A group whose stores share a connection when they name the same server with the same
   * credentials and settings (they may differ in path and environment): one HTTP client and its
   * connection pool, one token session, one KV version check per mount.
   *
   * @return a new group
   */
  @Override
  public StoreGroup group() {
    return new VaultStoreGroup(
        VaultConnection.systemEnv(), VaultConnection.userHome(), Clock.systemUTC());
  }

  /**
   * Loads the HTTP stack, the JDK's default TLS context and the JSON classes the Vault client uses.
   */
  @Override
  public void preload() {
    BackendHttp.preload();
    try {
      new ObjectMapper()
          .readTree("{\"data\":{\"data\":{\"k\":\"v\"},\"metadata\":{\"version\":1}}}");
    } catch (JacksonException | RuntimeException | LinkageError e) {
      // Only speed is at stake.
    }
  }

  /**
   * The credentials a Vault store takes: {@code vault-token}, {@code vault-write-token} (the static
   * source's write token) and {@code vault-secret-id}.
   *
   * @return the names
   */
  @Override
  public Set<String> credentials() {
    return Set.of("vault-token", "vault-write-token", "vault-secret-id");
  }
}

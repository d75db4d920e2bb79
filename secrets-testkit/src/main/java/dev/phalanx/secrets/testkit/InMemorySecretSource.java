package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link SecretSource} for tests: delivers the values it was built with, for the
 * static secrets it is asked for. Counts fetches.
 */
public final class InMemorySecretSource implements SecretSource {

  private final Map<SecretRef, SecretValue> values;
  private final List<OidcClient> clients;
  private final @Nullable PullSecret pullSecret;
  private final @Nullable SecretValue vaultWriteToken;
  private final AtomicInteger fetches = new AtomicInteger();

  private InMemorySecretSource(Builder b) {
    this.values = new TreeMap<>(b.values);
    this.clients = List.copyOf(b.clients);
    this.pullSecret = b.registries.isEmpty() ? null : new PullSecret(b.registries);
    this.vaultWriteToken = b.vaultWriteToken;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public StaticSecrets fetch(StaticSecretsRequest request) {
    fetches.incrementAndGet();
    StaticSecrets.Builder out = StaticSecrets.builder();
    for (RequestedSecret secret : request.secrets()) {
      SecretValue value = values.get(secret.ref());
      if (value != null) {
        out.value(secret.ref(), value);
      }
    }
    clients.forEach(out::oidcClient);
    out.pullSecret(pullSecret);
    out.vaultWriteToken(vaultWriteToken);
    return out.build();
  }

  /**
   * How many times {@link #fetch} was called.
   *
   * @return the count
   */
  public int fetchCount() {
    return fetches.get();
  }

  @Override
  public String toString() {
    return "InMemorySecretSource[" + values.size() + " values]";
  }

  /** Builds an {@link InMemorySecretSource}. */
  public static final class Builder {
    private final Map<SecretRef, SecretValue> values = new TreeMap<>();
    private final List<OidcClient> clients = new ArrayList<>();
    private final Map<String, PullSecret.Registry> registries = new LinkedHashMap<>();
    private @Nullable SecretValue vaultWriteToken;

    private Builder() {}

    /**
     * Adds a static value.
     *
     * @param application the application
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder value(String application, String key, String value) {
      values.put(new SecretRef(application, key), SecretValue.of(value));
      return this;
    }

    /**
     * Adds an OIDC client.
     *
     * @param name the client name
     * @param id the client ID
     * @param secret the client secret
     * @param returnUri the return URI
     * @return this builder
     */
    public Builder oidcClient(String name, String id, String secret, String returnUri) {
      clients.add(new OidcClient(name, id, SecretValue.of(secret), returnUri));
      return this;
    }

    /**
     * Adds pull-secret credentials for a registry.
     *
     * @param host the registry host
     * @param username the user name
     * @param password the password
     * @return this builder
     */
    public Builder registry(String host, String username, String password) {
      registries.put(host, new PullSecret.Registry(username, SecretValue.of(password)));
      return this;
    }

    /**
     * Sets the Vault write token.
     *
     * @param token the token
     * @return this builder
     */
    public Builder vaultWriteToken(String token) {
      this.vaultWriteToken = SecretValue.of(token);
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public InMemorySecretSource build() {
      return new InMemorySecretSource(this);
    }
  }
}

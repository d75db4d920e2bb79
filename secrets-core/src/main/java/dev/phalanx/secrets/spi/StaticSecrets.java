package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PullSecret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a static source delivered. Secrets the source has no value for are simply absent; the engine
 * reports them together.
 */
public final class StaticSecrets {

  private static final StaticSecrets EMPTY = builder().build();

  private final Map<SecretRef, SecretValue> values;
  private final List<OidcClient> oidcClients;
  private final @Nullable PullSecret pullSecret;
  private final @Nullable SecretValue vaultWriteToken;
  private final List<String> warnings;

  private StaticSecrets(Builder b) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(b.values));
    List<OidcClient> clients = new ArrayList<>(b.oidcClients);
    clients.sort(Comparator.comparing(OidcClient::name));
    this.oidcClients = List.copyOf(clients);
    this.pullSecret = b.pullSecret;
    this.vaultWriteToken = b.vaultWriteToken;
    this.warnings = List.copyOf(b.warnings);
  }

  /**
   * A static source that holds nothing. Not the same as <em>no</em> static source: the engine's
   * methods take {@code null} for that, and then trust the static values already in the store,
   * leave a pull secret in the store alone and keep secrets derived from static input. With {@code
   * empty()} the source is authoritative and has nothing: the engine manages the pull secret from
   * it and computes secrets derived from static input afresh.
   *
   * @return the empty result
   */
  public static StaticSecrets empty() {
    return EMPTY;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Combines two results: values, OIDC clients, pull secret and token of {@code this} win; {@code
   * other} fills in what this one lacks (e.g. answers typed at a prompt for values a file lacks).
   *
   * @param other the secondary result
   * @return the combination
   */
  public StaticSecrets orElse(StaticSecrets other) {
    Builder b = builder();
    other.values.forEach(b::value);
    values.forEach(b::value);
    (oidcClients.isEmpty() ? other.oidcClients : oidcClients).forEach(b::oidcClient);
    b.pullSecret(pullSecret != null ? pullSecret : other.pullSecret);
    b.vaultWriteToken(vaultWriteToken != null ? vaultWriteToken : other.vaultWriteToken);
    warnings.forEach(b::warning);
    other.warnings.forEach(b::warning);
    return b.build();
  }

  /**
   * The value of one static secret.
   *
   * @param ref the secret
   * @return the value, empty when the source has none
   */
  public Optional<SecretValue> value(SecretRef ref) {
    return Optional.ofNullable(values.get(ref));
  }

  /**
   * Every value delivered, sorted.
   *
   * @return secret to value
   */
  public Map<SecretRef, SecretValue> values() {
    return values;
  }

  /**
   * The OIDC clients, sorted by name.
   *
   * @return the clients, empty when none
   */
  public List<OidcClient> oidcClients() {
    return oidcClients;
  }

  /**
   * The image pull secret.
   *
   * @return the pull secret, empty when the source has none
   */
  public Optional<PullSecret> pullSecret() {
    return Optional.ofNullable(pullSecret);
  }

  /**
   * The Vault write token.
   *
   * @return the token, empty when the source has none
   */
  public Optional<SecretValue> vaultWriteToken() {
    return Optional.ofNullable(vaultWriteToken);
  }

  /**
   * Things the user should know (e.g. values for secrets the environment does not use). Never
   * contain values.
   *
   * @return warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Counts only, never values. */
  @Override
  public String toString() {
    return "StaticSecrets[values="
        + values.size()
        + ", oidcClients="
        + oidcClients.size()
        + ", pullSecret="
        + (pullSecret != null)
        + ", vaultWriteToken="
        + (vaultWriteToken != null)
        + "]";
  }

  /** Builds {@link StaticSecrets}. Not thread-safe. */
  public static final class Builder {
    private final Map<SecretRef, SecretValue> values = new TreeMap<>();
    private final List<OidcClient> oidcClients = new ArrayList<>();
    private @Nullable PullSecret pullSecret;
    private @Nullable SecretValue vaultWriteToken;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a value.
     *
     * @param ref the secret
     * @param value its value
     * @return this builder
     */
    public Builder value(SecretRef ref, SecretValue value) {
      values.put(ref, value);
      return this;
    }

    /**
     * Adds an OIDC client.
     *
     * @param client the client
     * @return this builder
     */
    public Builder oidcClient(OidcClient client) {
      oidcClients.add(client);
      return this;
    }

    /**
     * Sets the pull secret.
     *
     * @param pullSecret the pull secret, or null
     * @return this builder
     */
    public Builder pullSecret(@Nullable PullSecret pullSecret) {
      this.pullSecret = pullSecret;
      return this;
    }

    /**
     * Sets the Vault write token.
     *
     * @param token the token, or null
     * @return this builder
     */
    public Builder vaultWriteToken(@Nullable SecretValue token) {
      this.vaultWriteToken = token;
      return this;
    }

    /**
     * Adds a warning.
     *
     * @param warning the warning, without values
     * @return this builder
     */
    public Builder warning(String warning) {
      warnings.add(warning);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the static secrets
     */
    public StaticSecrets build() {
      return new StaticSecrets(this);
    }
  }
}

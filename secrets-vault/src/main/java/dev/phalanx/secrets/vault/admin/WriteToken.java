package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A newly created write token. {@link #toString()} never shows the token.
 *
 * <p>Immutable.
 */
public final class WriteToken {

  private final SecretValue token;
  private final String accessor;
  private final String displayName;
  private final List<String> policies;
  private final @Nullable OffsetDateTime expires;
  private final List<String> revokedAccessors;
  private final List<String> warnings;

  WriteToken(
      SecretValue token,
      String accessor,
      String displayName,
      List<String> policies,
      @Nullable OffsetDateTime expires,
      List<String> revokedAccessors,
      List<String> warnings) {
    this.token = Objects.requireNonNull(token);
    this.accessor = Objects.requireNonNull(accessor);
    this.displayName = Objects.requireNonNull(displayName);
    this.policies = List.copyOf(policies);
    this.expires = expires;
    this.revokedAccessors = List.copyOf(revokedAccessors);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The token as Phalanx's {@code vault create-write-token} prints it, byte for byte: YAML with
   * keys {@code accessor}, {@code display_name}, {@code expires} (as Vault reported it, or {@code
   * null}), {@code policies}, {@code token}. The result holds the token: print it only where the
   * user asked for it.
   *
   * @return the YAML document
   */
  public String toYaml() {
    return PyYaml.entry("accessor", accessor)
        + PyYaml.entry("display_name", displayName)
        + "expires: "
        + (expires == null ? "null" : PyYaml.timestamp(expires))
        + "\n"
        + PyYaml.list("policies", policies)
        + PyYaml.entry("token", token.reveal());
  }

  /**
   * The token ({@code VAULT_TOKEN}).
   *
   * @return the token
   */
  public SecretValue token() {
    return token;
  }

  /**
   * The token's accessor.
   *
   * @return the accessor
   */
  public String accessor() {
    return accessor;
  }

  /**
   * The display name as Vault reports it, {@code token-<name>}.
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The token's policies.
   *
   * @return the policy names
   */
  public List<String> policies() {
    return policies;
  }

  /**
   * When the token expires. Vault caps a token's lifetime at the mount's maximum TTL (768 hours by
   * default), so this may be sooner than asked; see {@link #warnings()}.
   *
   * @return the expiry, empty when the token never expires
   */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires).map(OffsetDateTime::toInstant);
  }

  /**
   * Accessors of the earlier write tokens of the environment that were revoked.
   *
   * @return the accessors
   */
  public List<String> revokedAccessors() {
    return revokedAccessors;
  }

  /**
   * Vault's warnings on creation, e.g. that the TTL was capped.
   *
   * @return the warnings, empty when none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The token as a Kubernetes {@code Secret} in namespace {@code vault-secrets-operator} with
   * {@code VAULT_TOKEN} base64-encoded in {@code data}. The result holds the token: print it only
   * where the user asked for it.
   *
   * @param name the Secret's name
   * @return the YAML document
   * @throws IllegalArgumentException when the name is not a valid Kubernetes name
   */
  public String toKubernetesSecret(String name) {
    return KubernetesSecrets.render(name, Map.of("VAULT_TOKEN", token));
  }

  /** Display name, accessor, policies and expiry; never the token. */
  @Override
  public String toString() {
    return "WriteToken[displayName="
        + displayName
        + ", accessor="
        + accessor
        + ", policies="
        + policies
        + ", expires="
        + expires
        + "]";
  }
}

package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A newly created read AppRole credential. {@link #toString()} never shows the SecretID.
 *
 * <p>Immutable.
 */
public final class ReadAppRole {

  private final String roleName;
  private final String roleId;
  private final SecretValue secretId;
  private final String secretIdAccessor;
  private final List<String> policies;
  private final int revokedSecretIds;
  private final String tokenTtl;
  private final String tokenMaxTtl;

  /**
   * @param tokenTtl the role's {@code token_ttl} as YAML (an integer, or a quoted string)
   * @param tokenMaxTtl the role's {@code token_max_ttl} likewise
   */
  ReadAppRole(
      String roleName,
      String roleId,
      SecretValue secretId,
      String secretIdAccessor,
      List<String> policies,
      int revokedSecretIds,
      String tokenTtl,
      String tokenMaxTtl) {
    this.roleName = Objects.requireNonNull(roleName);
    this.roleId = Objects.requireNonNull(roleId);
    this.secretId = Objects.requireNonNull(secretId);
    this.secretIdAccessor = Objects.requireNonNull(secretIdAccessor);
    this.policies = List.copyOf(policies);
    this.revokedSecretIds = revokedSecretIds;
    this.tokenTtl = Objects.requireNonNull(tokenTtl);
    this.tokenMaxTtl = Objects.requireNonNull(tokenMaxTtl);
  }

  /**
   * The credential as Phalanx's {@code vault create-read-approle} prints it, byte for byte: YAML
   * with keys {@code policies}, {@code role_id}, {@code secret_id}, {@code secret_id_accessor},
   * {@code token_max_ttl}, {@code token_ttl}. The result holds the SecretID: print it only where
   * the user asked for it.
   *
   * @return the YAML document
   */
  public String toYaml() {
    return PyYaml.list("policies", policies)
        + PyYaml.entry("role_id", roleId)
        + PyYaml.entry("secret_id", secretId.reveal())
        + PyYaml.entry("secret_id_accessor", secretIdAccessor)
        + "token_max_ttl: "
        + tokenMaxTtl
        + "\n"
        + "token_ttl: "
        + tokenTtl
        + "\n";
  }

  /**
   * The AppRole's name: the last component of the environment's path.
   *
   * @return the name
   */
  public String roleName() {
    return roleName;
  }

  /**
   * The role ID ({@code VAULT_ROLE_ID}).
   *
   * @return the role ID
   */
  public String roleId() {
    return roleId;
  }

  /**
   * The new SecretID ({@code VAULT_SECRET_ID}).
   *
   * @return the SecretID
   */
  public SecretValue secretId() {
    return secretId;
  }

  /**
   * The new SecretID's accessor.
   *
   * @return the accessor
   */
  public String secretIdAccessor() {
    return secretIdAccessor;
  }

  /**
   * The policies of tokens issued to the AppRole.
   *
   * @return the policy names
   */
  public List<String> policies() {
    return policies;
  }

  /**
   * How many earlier SecretIDs of the role were revoked.
   *
   * @return the count
   */
  public int revokedSecretIds() {
    return revokedSecretIds;
  }

  /**
   * The credential as a Kubernetes {@code Secret} in namespace {@code vault-secrets-operator} with
   * {@code VAULT_ROLE_ID} and {@code VAULT_SECRET_ID} base64-encoded in {@code data}. The result
   * holds the SecretID: print it only where the user asked for it.
   *
   * @param name the Secret's name
   * @return the YAML document
   * @throws IllegalArgumentException when the name is not a valid Kubernetes name
   */
  public String toKubernetesSecret(String name) {
    Map<String, SecretValue> data = new LinkedHashMap<>();
    data.put("VAULT_ROLE_ID", SecretValue.of(roleId));
    data.put("VAULT_SECRET_ID", secretId);
    return KubernetesSecrets.render(name, data);
  }

  /** Role name, accessor and policies; never the SecretID. */
  @Override
  public String toString() {
    return "ReadAppRole[role="
        + roleName
        + ", secretIdAccessor="
        + secretIdAccessor
        + ", policies="
        + policies
        + ", revokedSecretIds="
        + revokedSecretIds
        + "]";
  }
}

package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.vault.client.VaultClient;
import dev.phalanx.secrets.vault.client.VaultException;
import dev.phalanx.secrets.vault.client.VaultResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment's read AppRole {@code N}: reading its settings, and creating or updating it with
 * a new SecretID that replaces the earlier ones. See {@link
 * VaultCredentials#createReadAppRole(Duration)}.
 */
final class ReadAppRoles {

  private static final Logger LOG = LoggerFactory.getLogger(ReadAppRoles.class);

  private final VaultClient client;
  private final Policies policies;

  ReadAppRoles(VaultClient client, Policies policies) {
    this.client = client;
    this.policies = policies;
  }

  /** The role's settings ({@code data} of the response), empty when the role does not exist. */
  Optional<VaultResponse> find(String role) {
    try {
      VaultResponse r = client.get("auth/approle/role/" + role);
      return r.isNotFound() ? Optional.empty() : Optional.of(r);
    } catch (VaultException e) {
      if (e.status() == 400 || e.status() == 405) {
        return Optional.empty(); // the approle auth method is not enabled
      }
      throw e;
    }
  }

  /** Creates or updates the role with the read policy, then a SecretID; revokes the others. */
  ReadAppRole create(@Nullable Duration tokenLifetime) {
    policies.put(client, policies.readPolicyName(), policies.readPolicy());
    String role = policies.name();
    String base = "auth/approle/role/" + role;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("token_policies", List.of(policies.readPolicyName()));
    settings.put("token_type", "service");
    if (tokenLifetime != null) {
      settings.put("token_ttl", tokenLifetime.toSeconds() + "s");
      settings.put("token_max_ttl", tokenLifetime.toSeconds() + "s");
    }
    client.post(base, settings);
    String roleId = client.get(base + "/role-id").text("data", "role_id");
    VaultResponse created = client.post(base + "/secret-id", Map.of());
    SecretValue secretId = SecretValue.of(created.text("data", "secret_id"));
    String accessor = created.text("data", "secret_id_accessor");
    if (roleId.isEmpty() || secretId.isEmpty() || accessor.isEmpty()) {
      throw new StoreException(
          "Vault did not return a role ID and SecretID for AppRole "
              + role
              + "; is the AppRole auth method enabled at auth/approle?"
              + " (vault auth enable approle)");
    }
    int revoked = 0;
    VaultResponse listed = client.list(base + "/secret-id");
    for (String old : listed.strings("data", "keys")) {
      if (!old.equals(accessor)) {
        client.post(base + "/secret-id-accessor/destroy", Map.of("secret_id_accessor", old));
        revoked++;
      }
    }
    VaultResponse roleData = client.get(base);
    List<String> policies = roleData.strings("data", "token_policies");
    LOG.info("created a SecretID for AppRole {}; revoked {} earlier one(s)", role, revoked);
    return new ReadAppRole(
        role,
        roleId,
        secretId,
        accessor,
        policies,
        revoked,
        ttl(roleData, "token_ttl"),
        ttl(roleData, "token_max_ttl"));
  }

  /** A TTL as Phalanx's YAML shows it: Vault's integer seconds, or a quoted duration string. */
  private static String ttl(VaultResponse role, String member) {
    Optional<Long> seconds = role.integer("data", member);
    if (seconds.isPresent()) {
      return String.valueOf(seconds.get());
    }
    if (role.isText("data", member)) {
      return PyYaml.string(role.text("data", member));
    }
    return "0";
  }
}

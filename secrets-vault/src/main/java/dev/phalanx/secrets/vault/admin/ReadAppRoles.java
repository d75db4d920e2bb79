package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.vault.VaultConnection;
import dev.phalanx.secrets.vault.VaultException;
import dev.phalanx.secrets.vault.VaultReply;
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

  private final VaultConnection vault;
  private final Policies policies;

  ReadAppRoles(VaultConnection vault, Policies policies) {
    this.vault = vault;
    this.policies = policies;
  }

  /** The role's settings ({@code data} of the response), empty when the role does not exist. */
  Optional<VaultReply> find(String role) {
    try {
      return vault.read("auth/approle/role/" + role);
    } catch (VaultException e) {
      if (e.status() == 400 || e.status() == 405) {
        return Optional.empty(); // the approle auth method is not enabled
      }
      throw e;
    }
  }

  /** Creates or updates the role with the read policy, then a SecretID; revokes the others. */
  ReadAppRole create(@Nullable Duration tokenLifetime) {
    policies.put(vault, policies.readPolicyName(), policies.readPolicy());
    String role = policies.name();
    String base = "auth/approle/role/" + role;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("token_policies", List.of(policies.readPolicyName()));
    settings.put("token_type", "service");
    if (tokenLifetime != null) {
      settings.put("token_ttl", tokenLifetime.toSeconds() + "s");
      settings.put("token_max_ttl", tokenLifetime.toSeconds() + "s");
    }
    vault.write(base, settings);
    String roleId = text(vault.read(base + "/role-id"), "role_id");
    Optional<VaultReply> created = vault.write(base + "/secret-id", Map.of());
    SecretValue secretId = SecretValue.of(text(created, "secret_id"));
    String accessor = text(created, "secret_id_accessor");
    if (roleId.isEmpty() || secretId.isEmpty() || accessor.isEmpty()) {
      throw new StoreException(
          "Vault did not return a role ID and SecretID for AppRole "
              + role
              + "; is the AppRole auth method enabled at auth/approle?"
              + " (vault auth enable approle)");
    }
    int revoked = 0;
    for (String old : vault.list(base + "/secret-id")) {
      if (!old.equals(accessor)) {
        vault.write(base + "/secret-id-accessor/destroy", Map.of("secret_id_accessor", old));
        revoked++;
      }
    }
    Optional<VaultReply> roleData = vault.read(base);
    List<String> policies =
        roleData.map(r -> r.strings("data", "token_policies")).orElse(List.of());
    LOG.info("created a SecretID for AppRole {}; revoked {} earlier one(s)", role, revoked);
    return new ReadAppRole(
        role,
        roleId,
        secretId,
        accessor,
        policies,
        revoked,
        roleData.map(r -> ttl(r, "token_ttl")).orElse("0"),
        roleData.map(r -> ttl(r, "token_max_ttl")).orElse("0"));
  }

  /** A member of {@code data}, {@code ""} when missing or when Vault answered 404. */
  private static String text(Optional<VaultReply> reply, String member) {
    return reply.map(r -> r.text("data", member)).orElse("");
  }

  /** A TTL as Phalanx's YAML shows it: Vault's integer seconds, or a quoted duration string. */
  private static String ttl(VaultReply role, String member) {
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

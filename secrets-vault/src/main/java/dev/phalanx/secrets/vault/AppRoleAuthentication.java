package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import java.util.Map;
import java.util.Objects;

/** {@code POST auth/<mount>/login {role_id, secret_id}}. */
final class AppRoleAuthentication extends ClientAuthentication {

  /**
   * Immutable settings.
   *
   * @param mount the auth mount
   * @param roleId the role ID (not secret on its own)
   * @param secretId the SecretID
   */
  record Options(String mount, String roleId, SecretValue secretId) {
    Options {
      Objects.requireNonNull(mount, "mount");
      Objects.requireNonNull(roleId, "roleId");
      Objects.requireNonNull(secretId, "secretId");
    }
  }

  private final Options options;

  AppRoleAuthentication(Options options) {
    this.options = options;
  }

  @Override
  Login login(VaultClient client) {
    return Logins.fromAuth(
        client.post(
            "auth/" + options.mount() + "/login",
            Map.of("role_id", options.roleId(), "secret_id", options.secretId().reveal())),
        "auth/" + options.mount() + "/login");
  }

  @Override
  String method() {
    return "approle";
  }
}

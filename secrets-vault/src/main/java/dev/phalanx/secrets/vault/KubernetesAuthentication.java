package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.PhalanxSecretsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** {@code POST auth/<mount>/login {role, jwt}} with the service account JWT read at login. */
final class KubernetesAuthentication extends ClientAuthentication {

  /**
   * Immutable settings.
   *
   * @param mount the auth mount
   * @param role the Vault role
   * @param jwtPath the JWT file
   */
  record Options(String mount, String role, Path jwtPath) {
    Options {
      Objects.requireNonNull(mount, "mount");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(jwtPath, "jwtPath");
    }
  }

  private final Options options;

  KubernetesAuthentication(Options options) {
    this.options = options;
  }

  @Override
  Login login(VaultClient client) {
    String jwt;
    try {
      jwt = Files.readString(options.jwtPath(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new PhalanxSecretsException(
          "cannot read the Kubernetes service account token "
              + options.jwtPath()
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
    String path = "auth/" + options.mount() + "/login";
    return Logins.fromAuth(client.post(path, Map.of("role", options.role(), "jwt", jwt)), path);
  }

  @Override
  String method() {
    return "kubernetes";
  }
}

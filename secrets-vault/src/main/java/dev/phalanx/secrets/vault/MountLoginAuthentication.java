package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A login by {@code POST auth/<mount>/login} with the credentials in the body: AppRole ({@code
 * role_id}, {@code secret_id}) or Kubernetes ({@code role} and the service account JWT, read from
 * its file at each login). The credentials are made only for the request and never printed.
 */
final class MountLoginAuthentication extends ClientAuthentication {

  private final String method;
  private final String mount;
  private final Supplier<Map<String, String>> credentials;
  private final List<Object> identity;

  private MountLoginAuthentication(
      String method, String mount, Supplier<Map<String, String>> credentials, Object... login) {
    this.method = method;
    this.mount = Objects.requireNonNull(mount, "mount");
    this.credentials = credentials;
    List<Object> id = new ArrayList<>(List.of(method, mount));
    id.addAll(List.of(login));
    this.identity = List.copyOf(id);
  }

  /** {@code POST auth/<mount>/login {role_id, secret_id}}. */
  static MountLoginAuthentication appRole(String mount, String roleId, SecretValue secretId) {
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(secretId, "secretId");
    return new MountLoginAuthentication(
        "approle",
        mount,
        () -> Map.of("role_id", roleId, "secret_id", secretId.reveal()),
        roleId,
        secretId);
  }

  /** {@code POST auth/<mount>/login {role, jwt}} with the JWT read at each login. */
  static MountLoginAuthentication kubernetes(String mount, String role, Path jwtPath) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jwtPath, "jwtPath");
    return new MountLoginAuthentication(
        "kubernetes", mount, () -> Map.of("role", role, "jwt", readJwt(jwtPath)), role, jwtPath);
  }

  private static String readJwt(Path jwtPath) {
    try {
      return Files.readString(jwtPath, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new PhalanxSecretsException(
          "cannot read the Kubernetes service account token "
              + jwtPath
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  @Override
  Login login(VaultClient client) {
    String path = "auth/" + mount + "/login";
    return Logins.fromAuth(client.post(path, credentials.get()), path);
  }

  @Override
  String method() {
    return method;
  }

  @Override
  List<Object> identity() {
    return identity;
  }
}

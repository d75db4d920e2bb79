package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One way to obtain a Vault token. Instances are immutable; {@link #toString()} names the method
 * and never a credential.
 *
 * <p>Store options and where each method takes its credentials from:
 *
 * <ul>
 *   <li>{@code auth=token} (default): credential {@code vault-token}, else the environment variable
 *       {@code VAULT_TOKEN}, else credential {@code vault-write-token} (the static source's write
 *       token), else the file {@code ~/.vault-token} ({@code ~} being {@code $HOME}), else an
 *       error. {@link #source()} says which one was used.
 *   <li>{@code auth=approle}: option {@code role-id} else {@code VAULT_ROLE_ID}; credential {@code
 *       vault-secret-id} else {@code VAULT_SECRET_ID}; option {@code auth-mount} (default {@code
 *       approle}).
 *   <li>{@code auth=kubernetes}: option {@code kubernetes-role}; JWT read from option {@code
 *       kubernetes-jwt-path} (default the service account token); option {@code auth-mount}
 *       (default {@code kubernetes}).
 * </ul>
 */
abstract class ClientAuthentication {

  /** Where Kubernetes mounts the service account token. */
  static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  ClientAuthentication() {}

  /**
   * Logs in.
   *
   * @param client a client that sends no token
   * @return the token and what is known of its lifetime
   */
  abstract Login login(VaultClient client);

  /**
   * The method name: {@code token}, {@code approle} or {@code kubernetes}.
   *
   * @return the name
   */
  abstract String method();

  /**
   * What makes two authentications the same login: the method, its settings and its credentials (as
   * {@link SecretValue}s, whose text form is redacted). Stores of one {@link VaultStoreGroup} whose
   * identities are equal share a session.
   */
  abstract List<Object> identity();

  /**
   * Where the credentials come from, for telling the user: e.g. {@code the environment variable
   * VAULT_TOKEN} or {@code the file /home/me/.vault-token}. Never a credential.
   *
   * @return the description
   */
  String source() {
    return method() + " authentication";
  }

  /** The method name, never a credential. */
  @Override
  public String toString() {
    return "ClientAuthentication[" + method() + "]";
  }

  /**
   * A fixed token.
   *
   * @param token the token
   * @return the authentication
   */
  static ClientAuthentication token(SecretValue token) {
    return new TokenAuthentication(token);
  }

  /**
   * AppRole login at {@code auth/<mount>/login}.
   *
   * @param mount the auth mount, e.g. {@code approle}
   * @param roleId the role ID
   * @param secretId the SecretID
   * @return the authentication
   */
  static ClientAuthentication appRole(String mount, String roleId, SecretValue secretId) {
    return MountLoginAuthentication.appRole(mount, roleId, secretId);
  }

  /**
   * Kubernetes login at {@code auth/<mount>/login}; the JWT is read at each login.
   *
   * @param mount the auth mount, e.g. {@code kubernetes}
   * @param role the Vault role
   * @param jwtPath the file holding the service account JWT
   * @return the authentication
   */
  static ClientAuthentication kubernetes(String mount, String role, Path jwtPath) {
    return MountLoginAuthentication.kubernetes(mount, role, jwtPath);
  }

  /**
   * Chooses and configures the method from store options (see the class description).
   *
   * @param options store options ({@code auth}, {@code role-id}, {@code auth-mount}, ...)
   * @param credentials store credentials ({@code vault-token}, {@code vault-write-token}, {@code
   *     vault-secret-id})
   * @param env reads an environment variable, null when unset; injectable for tests
   * @param home the user's home directory, where {@code .vault-token} is looked for
   * @return the authentication
   * @throws PhalanxSecretsException when the method is unknown or a credential is missing
   */
  static ClientAuthentication fromOptions(
      Map<String, String> options,
      Map<String, SecretValue> credentials,
      Function<String, @Nullable String> env,
      Path home) {
    String method = options.getOrDefault("auth", "token").toLowerCase(Locale.ROOT);
    switch (method) {
      case "token":
        return findToken(credentials, env, home);
      case "approle":
        {
          Optional<String> roleId =
              nonBlank(options.get("role-id")).or(() -> nonBlank(env.apply("VAULT_ROLE_ID")));
          Optional<SecretValue> secretId =
              Optional.ofNullable(credentials.get("vault-secret-id"))
                  .filter(v -> !v.isEmpty())
                  .or(() -> nonBlank(env.apply("VAULT_SECRET_ID")).map(SecretValue::of));
          if (roleId.isEmpty() || secretId.isEmpty()) {
            throw new PhalanxSecretsException(
                "AppRole authentication needs "
                    + (roleId.isEmpty() ? "a role ID (VAULT_ROLE_ID or store option role-id)" : "")
                    + (roleId.isEmpty() && secretId.isEmpty() ? " and " : "")
                    + (secretId.isEmpty() ? "a SecretID (VAULT_SECRET_ID)" : ""));
          }
          return appRole(
              options.getOrDefault("auth-mount", "approle"), roleId.get(), secretId.get());
        }
      case "kubernetes":
        {
          String role =
              nonBlank(options.get("kubernetes-role"))
                  .orElseThrow(
                      () ->
                          new PhalanxSecretsException(
                              "Kubernetes authentication needs the store option"
                                  + " kubernetes-role"));
          Path jwt =
              nonBlank(options.get("kubernetes-jwt-path"))
                  .map(Path::of)
                  .orElse(SERVICE_ACCOUNT_TOKEN);
          return kubernetes(options.getOrDefault("auth-mount", "kubernetes"), role, jwt);
        }
      default:
        throw new PhalanxSecretsException(
            "unknown Vault auth method '" + method + "'; use token, approle or kubernetes");
    }
  }

  private static ClientAuthentication findToken(
      Map<String, SecretValue> credentials, Function<String, @Nullable String> env, Path home) {
    SecretValue explicit = credentials.get("vault-token");
    if (explicit != null && !explicit.isEmpty()) {
      return new TokenAuthentication(explicit, TokenAuthentication.GIVEN);
    }
    Optional<String> fromEnv = nonBlank(env.apply("VAULT_TOKEN"));
    if (fromEnv.isPresent()) {
      return new TokenAuthentication(
          SecretValue.of(fromEnv.get().trim()), TokenAuthentication.ENVIRONMENT);
    }
    SecretValue fromStatic = credentials.get("vault-write-token");
    if (fromStatic != null && !fromStatic.isEmpty()) {
      return new TokenAuthentication(fromStatic, TokenAuthentication.STATIC_SECRETS);
    }
    Path file = home.resolve(".vault-token");
    if (Files.isRegularFile(file)) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!text.isEmpty()) {
          return new TokenAuthentication(SecretValue.of(text), "the file " + file);
        }
      } catch (IOException e) {
        throw new PhalanxSecretsException(
            "cannot read the Vault token file " + file + ": " + e.getClass().getSimpleName(), e);
      }
    }
    throw new PhalanxSecretsException(
        "no Vault token: set VAULT_TOKEN, log in with `vault login` / `bao login` (which writes "
            + file
            + "), or provide vault-write-token in the static secrets");
  }

  static Optional<String> nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}

package dev.phalanx.secrets.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.client.VaultClient;
import dev.phalanx.secrets.vault.client.VaultException;
import dev.phalanx.secrets.vault.client.VaultResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Management of an environment's Vault credentials and bulk operations, as DESIGN §7 names them.
 * With {@code vaultPathPrefix = <mount>/<path>} and {@code N} the last component of the path:
 *
 * <ul>
 *   <li>read policy {@code <path>/read} and write policy {@code <path>/write}, with fixed texts;
 *   <li>read AppRole {@code N} with the read policy;
 *   <li>write token created with display name {@code N} (Vault reports {@code token-N}), lifetime
 *       3650 days by default.
 * </ul>
 *
 * <p>Made from the same {@link StoreConfig} as {@link VaultSecretStore} (URL, prefix, token, TLS
 * options); the token needs the rights to manage policies, AppRoles and tokens (list token
 * accessors needs {@code sudo}). Thread-safe; close it to release connections.
 */
public final class VaultCredentials implements AutoCloseable {

  /** The default lifetime of a write token. */
  public static final Duration DEFAULT_WRITE_TOKEN_LIFETIME = Duration.ofDays(3650);

  /** A write token expiring sooner than this is reported by the audit. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(VaultCredentials.class);

  private final VaultConnection connection;
  private final VaultClient client;
  private final Kv2Paths paths;
  private final Clock clock;

  private VaultCredentials(VaultConnection connection) {
    this.connection = connection;
    this.client = connection.client;
    this.paths = connection.config.paths();
    this.clock = connection.clock;
  }

  /**
   * Opens a connection; sends no request.
   *
   * @param config as for {@link VaultSecretStore#open(StoreConfig)}
   * @return the credentials manager
   * @throws dev.phalanx.secrets.ConfigurationException listing every invalid or missing setting
   */
  public static VaultCredentials open(StoreConfig config) {
    return open(config, VaultConnection.systemEnv(), VaultConnection.userHome(), Clock.systemUTC());
  }

  /**
   * Opens a connection with environment variables, home directory and clock injected.
   *
   * @param config the configuration
   * @param env reads an environment variable, null when unset
   * @param home where {@code .vault-token} is looked for
   * @param clock the time source (token expiry checks)
   * @return the credentials manager
   * @throws dev.phalanx.secrets.ConfigurationException listing every invalid or missing setting
   */
  public static VaultCredentials open(
      StoreConfig config, Function<String, @Nullable String> env, Path home, Clock clock) {
    return new VaultCredentials(VaultConnection.open(config, env, home, clock));
  }

  /**
   * The read policy's name, {@code <path>/read}.
   *
   * @return the name
   */
  public String readPolicyName() {
    return paths.readPolicyName();
  }

  /**
   * The write policy's name, {@code <path>/write}.
   *
   * @return the name
   */
  public String writePolicyName() {
    return paths.writePolicyName();
  }

  /**
   * The exact text of the read policy.
   *
   * @return the HCL text
   */
  public String expectedReadPolicy() {
    return paths.readPolicy();
  }

  /**
   * The exact text of the write policy.
   *
   * @return the HCL text
   */
  public String expectedWritePolicy() {
    return paths.writePolicy();
  }

  /**
   * Checks the environment's credentials: the read AppRole {@code N} exists with the read policy;
   * both policy texts equal the expected ones (a unified diff when not); a write token with display
   * name {@code token-N} exists, has the write policy and does not expire within {@link
   * #EXPIRY_WARNING}. Never writes.
   *
   * @return the report, clean when all is well
   * @throws StoreException when Vault cannot be asked (e.g. no right to list token accessors)
   */
  public CredentialAudit audit() {
    List<String> problems = new ArrayList<>();
    checkPolicy("read", paths.readPolicyName(), paths.readPolicy(), problems);
    checkPolicy("write", paths.writePolicyName(), paths.writePolicy(), problems);
    String role = paths.name();
    Optional<JsonNode> roleData = appRole(role);
    if (roleData.isEmpty()) {
      problems.add("read AppRole " + role + " does not exist");
    } else {
      List<String> policies = strings(roleData.get().path("token_policies"));
      if (!policies.contains(paths.readPolicyName())) {
        problems.add(
            "read AppRole "
                + role
                + " does not have policy "
                + paths.readPolicyName()
                + " (it has "
                + policies
                + ")");
      }
    }
    List<TokenInfo> tokens = writeTokens();
    if (tokens.isEmpty()) {
      problems.add("no write token with display name " + tokenDisplayName() + " exists");
    }
    Instant now = clock.instant();
    for (TokenInfo t : tokens) {
      if (!t.policies.contains(paths.writePolicyName())) {
        problems.add(
            "write token "
                + t.accessor
                + " does not have policy "
                + paths.writePolicyName()
                + " (it has "
                + t.policies
                + ")");
      }
      if (t.expires != null && !t.expires.isAfter(now)) {
        problems.add("write token " + t.accessor + " expired at " + t.expires);
      } else if (t.expires != null && t.expires.isBefore(now.plus(EXPIRY_WARNING))) {
        problems.add(
            "write token "
                + t.accessor
                + " expires at "
                + t.expires
                + ", within "
                + EXPIRY_WARNING.toDays()
                + " days");
      }
    }
    return new CredentialAudit(problems);
  }

  private void checkPolicy(String kind, String name, String expected, List<String> problems) {
    VaultResponse r = client.get("sys/policies/acl/" + name);
    if (r.isNotFound()) {
      problems.add(kind + " policy " + name + " does not exist");
      return;
    }
    String actual = r.data().path("policy").asText("");
    if (!actual.equals(expected)) {
      problems.add(
          kind
              + " policy "
              + name
              + " does not have the expected text:\n"
              + UnifiedDiff.diff("expected " + name, expected, "actual " + name, actual));
    }
  }

  private Optional<JsonNode> appRole(String role) {
    try {
      VaultResponse r = client.get("auth/approle/role/" + role);
      return r.isNotFound() ? Optional.empty() : Optional.of(r.data());
    } catch (VaultException e) {
      if (e.status() == 400 || e.status() == 405) {
        return Optional.empty(); // the approle auth method is not enabled
      }
      throw e;
    }
  }

  /** {@code token-N}. */
  private String tokenDisplayName() {
    return "token-" + paths.name();
  }

  /**
   * Creates or updates the read policy and the read AppRole {@code N}, creates a new SecretID and
   * then revokes every earlier SecretID of the role. The AppRole auth method must be enabled at
   * {@code auth/approle}.
   *
   * @param tokenLifetime the TTL (and maximum TTL) of tokens issued to the role, or null to leave
   *     Vault's defaults
   * @return the new credential
   * @throws StoreException when Vault refuses
   */
  public ReadAppRole createReadAppRole(@Nullable Duration tokenLifetime) {
    putPolicy(paths.readPolicyName(), paths.readPolicy());
    String role = paths.name();
    String base = "auth/approle/role/" + role;
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("token_policies", List.of(paths.readPolicyName()));
    settings.put("token_type", "service");
    if (tokenLifetime != null) {
      settings.put("token_ttl", tokenLifetime.toSeconds() + "s");
      settings.put("token_max_ttl", tokenLifetime.toSeconds() + "s");
    }
    client.post(base, settings);
    String roleId = client.get(base + "/role-id").data().path("role_id").asText("");
    JsonNode created = client.post(base + "/secret-id", Map.of()).data();
    SecretValue secretId = SecretValue.of(created.path("secret_id").asText(""));
    String accessor = created.path("secret_id_accessor").asText("");
    if (roleId.isEmpty() || secretId.isEmpty() || accessor.isEmpty()) {
      throw new StoreException(
          "Vault did not return a role ID and SecretID for AppRole "
              + role
              + "; is the AppRole auth method enabled at auth/approle?"
              + " (vault auth enable approle)");
    }
    int revoked = 0;
    VaultResponse listed = client.list(base + "/secret-id");
    for (String old : strings(listed.data().path("keys"))) {
      if (!old.equals(accessor)) {
        client.post(base + "/secret-id-accessor/destroy", Map.of("secret_id_accessor", old));
        revoked++;
      }
    }
    List<String> policies = strings(client.get(base).data().path("token_policies"));
    LOG.info("created a SecretID for AppRole {}; revoked {} earlier one(s)", role, revoked);
    return new ReadAppRole(role, roleId, secretId, accessor, policies, revoked);
  }

  /**
   * Creates a write token with the default lifetime; see {@link #createWriteToken(Duration)}.
   *
   * @return the new token
   * @throws StoreException when Vault refuses
   */
  public WriteToken createWriteToken() {
    return createWriteToken(DEFAULT_WRITE_TOKEN_LIFETIME);
  }

  /**
   * Creates or updates the write policy, creates a token with display name {@code N} and that
   * policy, then revokes every earlier token of the environment (display name {@code token-N}).
   * Vault caps the lifetime at the token mount's maximum TTL; {@link WriteToken#warnings()} says
   * so.
   *
   * @param lifetime the requested lifetime
   * @return the new token
   * @throws StoreException when Vault refuses
   */
  public WriteToken createWriteToken(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the token lifetime must be positive");
    }
    putPolicy(paths.writePolicyName(), paths.writePolicy());
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("display_name", paths.name());
    request.put("policies", List.of(paths.writePolicyName()));
    request.put("ttl", lifetime.toSeconds() + "s");
    VaultResponse created = client.post("auth/token/create", request);
    JsonNode auth = created.body().path("auth");
    SecretValue token = SecretValue.of(auth.path("client_token").asText(""));
    String accessor = auth.path("accessor").asText("");
    if (token.isEmpty() || accessor.isEmpty()) {
      throw new StoreException("Vault did not return a token for " + tokenDisplayName());
    }
    TokenInfo info =
        lookupAccessor(accessor)
            .orElseThrow(() -> new StoreException("the new write token cannot be looked up"));
    List<String> revoked = new ArrayList<>();
    for (TokenInfo old : writeTokens()) {
      if (!old.accessor.equals(accessor)) {
        client.post("auth/token/revoke-accessor", Map.of("accessor", old.accessor));
        revoked.add(old.accessor);
      }
    }
    LOG.info(
        "created write token {} (accessor {}); revoked {} earlier one(s)",
        info.displayName,
        accessor,
        revoked.size());
    return new WriteToken(
        token,
        accessor,
        info.displayName,
        strings(auth.path("token_policies")),
        info.expires,
        revoked,
        strings(created.body().path("warnings")));
  }

  private void putPolicy(String name, String text) {
    client.send("PUT", "sys/policies/acl/" + name, Map.of("policy", text), null);
  }

  private List<TokenInfo> writeTokens() {
    VaultResponse listed = client.list("auth/token/accessors");
    List<String> accessors = strings(listed.data().path("keys"));
    List<Optional<TokenInfo>> infos =
        Bounded.map(accessors, connection.config.concurrency(), this::lookupAccessor);
    List<TokenInfo> out = new ArrayList<>();
    for (Optional<TokenInfo> info : infos) {
      info.filter(t -> t.displayName.equals(tokenDisplayName())).ifPresent(out::add);
    }
    return out;
  }

  private Optional<TokenInfo> lookupAccessor(String accessor) {
    VaultResponse r;
    try {
      r = client.post("auth/token/lookup-accessor", Map.of("accessor", accessor));
    } catch (VaultException e) {
      if (e.status() == 400) {
        return Optional.empty(); // revoked or expired meanwhile
      }
      throw e;
    }
    if (r.isNotFound()) {
      return Optional.empty();
    }
    JsonNode data = r.data();
    Instant expires = null;
    String text = data.path("expire_time").asText("");
    if (!text.isEmpty() && !data.path("expire_time").isNull()) {
      try {
        expires = Instant.parse(text);
      } catch (DateTimeParseException e) {
        expires = null;
      }
    }
    return Optional.of(
        new TokenInfo(
            accessor,
            data.path("display_name").asText(""),
            strings(data.path("policies")),
            expires));
  }

  /**
   * Copies every live application from one prefix to another, overwriting applications that exist
   * at the target with check-and-set (other target applications are left alone).
   *
   * @param fromPrefix the source, {@code <mount>/<path>}
   * @param toPrefix the target, {@code <mount>/<path>}
   * @return the applications copied, sorted
   * @throws StoreException when a read or write fails; applications copied before stay copied
   */
  public List<String> copySecrets(String fromPrefix, String toPrefix) {
    return Kv2Transfers.copy(
        connection.accessor(Kv2Paths.parse(fromPrefix)),
        connection.accessor(Kv2Paths.parse(toPrefix)));
  }

  /**
   * Copies every live application from an old prefix into this environment's prefix.
   *
   * @param fromPrefix the old prefix, {@code <mount>/<path>}
   * @return the applications copied, sorted
   * @throws StoreException when a read or write fails
   */
  public List<String> copySecrets(String fromPrefix) {
    return copySecrets(fromPrefix, paths.prefix());
  }

  /**
   * Writes every live application of the environment to {@code <dir>/<app>.json}, a JSON object of
   * key to value with sorted keys. Each file is created with permissions {@code 0600} (on POSIX
   * file systems) and written atomically (temporary file, then rename); the directory is created
   * ({@code 0700}) when missing.
   *
   * @param dir the output directory
   * @return the files written, in application order
   * @throws StoreException when Vault or the file system fails
   */
  public List<Path> exportSecrets(Path dir) {
    return Kv2Transfers.export(connection.accessor(paths), dir);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Server and path, never a credential.
   *
   * @return the description
   */
  public String describe() {
    return connection.describe();
  }

  @Override
  public String toString() {
    return "VaultCredentials[" + describe() + "]";
  }

  @Override
  public void close() {
    connection.close();
  }

  private static final class TokenInfo {
    final String accessor;
    final String displayName;
    final List<String> policies;
    final @Nullable Instant expires;

    TokenInfo(
        String accessor, String displayName, List<String> policies, @Nullable Instant expires) {
      this.accessor = accessor;
      this.displayName = displayName;
      this.policies = policies;
      this.expires = expires;
    }
  }
}

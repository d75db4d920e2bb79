package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.CopyResult;
import dev.phalanx.secrets.vault.VaultConnection;
import dev.phalanx.secrets.vault.VaultReply;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
  private final Policies policies;
  private final Clock clock;
  private final WriteTokens writeTokens;
  private final ReadAppRoles readAppRoles;

  private VaultCredentials(VaultConnection connection) {
    this.connection = connection;
    this.policies = Policies.of(connection.prefix());
    this.clock = connection.clock();
    this.writeTokens = new WriteTokens(connection, policies);
    this.readAppRoles = new ReadAppRoles(connection, policies);
  }

  /**
   * Opens a connection; sends no request.
   *
   * @param config as for {@link VaultSecretStore#open(StoreConfig)}
   * @return the credentials manager
   * @throws ConfigurationException listing every invalid or missing setting
   */
  public static VaultCredentials open(StoreConfig config) {
    return new VaultCredentials(VaultConnection.open(config));
  }

  /**
   * Opens a connection with environment variables, home directory and clock injected.
   *
   * @param config the configuration
   * @param env reads an environment variable, null when unset
   * @param home where {@code .vault-token} is looked for
   * @param clock the time source (token expiry checks)
   * @return the credentials manager
   * @throws ConfigurationException listing every invalid or missing setting
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
    return policies.readPolicyName();
  }

  /**
   * The write policy's name, {@code <path>/write}.
   *
   * @return the name
   */
  public String writePolicyName() {
    return policies.writePolicyName();
  }

  /**
   * The exact text of the read policy.
   *
   * @return the HCL text
   */
  public String expectedReadPolicy() {
    return policies.readPolicy();
  }

  /**
   * The exact text of the write policy.
   *
   * @return the HCL text
   */
  public String expectedWritePolicy() {
    return policies.writePolicy();
  }

  /**
   * Checks the environment's credentials as Phalanx's {@code vault audit} does, with the same
   * findings and texts (see {@link CredentialAudit#toText()}): the read AppRole {@code N} exists,
   * has the read policy and no other (besides {@code default}), and the read policy's text is
   * exactly the expected one; there is exactly one write token with display name {@code token-N};
   * each has an expiry that is not within {@link #EXPIRY_WARNING}, the write policy and no other,
   * and the write policy's text is exactly the expected one. Token accessors that may not be looked
   * up (403) are skipped, as Phalanx does. Never writes.
   *
   * @return the report, clean when all is well
   * @throws StoreException when Vault cannot be asked (e.g. no right to list token accessors)
   */
  public CredentialAudit audit() {
    StringBuilder report = new StringBuilder();
    List<String> problems = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    String readPolicy = policyText(policies.readPolicyName());
    String writePolicy = policyText(policies.writePolicyName());
    policyDetails(policies.readPolicyName(), policies.readPolicy(), readPolicy, details);
    policyDetails(policies.writePolicyName(), policies.writePolicy(), writePolicy, details);

    String role = policies.name();
    Optional<VaultReply> roleData = readAppRoles.find(role);
    if (roleData.isEmpty()) {
      report.append("No read AppRole (").append(role).append(")\n");
      problems.add("No read AppRole (" + role + ")");
    } else {
      List<String> errors =
          policyErrors(roleData.get().strings("data", "token_policies"), policies.readPolicyName());
      if (!policies.readPolicy().equals(readPolicy)) {
        errors.add("Policy " + policies.readPolicyName() + " doesn't have expected contents");
      }
      section("read AppRole (" + role + ")", errors, report, problems);
    }

    List<WriteTokens.TokenInfo> tokens = writeTokens.find();
    if (tokens.isEmpty()) {
      report.append("No write token (").append(writeTokens.displayName()).append(")\n");
      problems.add("No write token (" + writeTokens.displayName() + ")");
    } else {
      if (tokens.size() > 1) {
        report.append("Multiple write tokens found\n");
        problems.add("Multiple write tokens found");
      }
      Instant now = clock.instant();
      for (WriteTokens.TokenInfo t : tokens) {
        List<String> errors = new ArrayList<>();
        if (t.expires() == null) {
          errors.add("Token expiration missing");
        } else if (t.expires().toInstant().isBefore(now)) {
          errors.add("Token expired at " + PyYaml.logTimestamp(t.expires()));
        } else if (t.expires().toInstant().isBefore(now.plus(EXPIRY_WARNING))) {
          errors.add("Token will expire at " + PyYaml.logTimestamp(t.expires()));
        }
        errors.addAll(policyErrors(t.policies(), policies.writePolicyName()));
        if (!policies.writePolicy().equals(writePolicy)) {
          errors.add("Policy " + policies.writePolicyName() + " doesn't have expected contents");
        }
        section("write token (" + t.displayName() + ")", errors, report, problems);
      }
    }
    return new CredentialAudit(report.toString(), problems, details.toString());
  }

  private static void section(
      String subject, List<String> errors, StringBuilder report, List<String> problems) {
    if (errors.isEmpty()) {
      return;
    }
    report.append("Problems with ").append(subject).append(":\n• ");
    report.append(String.join("\n• ", errors)).append('\n');
    errors.forEach(e -> problems.add(subject + ": " + e));
  }

  /** {@code Missing policy P} when absent, then {@code Unexpected policy X} for others, sorted. */
  private static List<String> policyErrors(List<String> policies, String expected) {
    List<String> errors = new ArrayList<>();
    if (!policies.contains(expected)) {
      errors.add("Missing policy " + expected);
    }
    new TreeSet<>(policies)
        .stream()
            .filter(p -> !p.equals(expected) && !p.equals("default"))
            .forEach(p -> errors.add("Unexpected policy " + p));
    return errors;
  }

  private static void policyDetails(
      String name, String expected, @Nullable String actual, StringBuilder details) {
    if (actual == null) {
      details.append("policy ").append(name).append(" does not exist\n");
    } else if (!actual.equals(expected)) {
      details.append(
          UnifiedDiff.diff("expected " + name, expected + "\n", "actual " + name, actual + "\n"));
    }
  }

  /** The stored text of a policy, null when it does not exist. */
  private @Nullable String policyText(String name) {
    return connection
        .read("sys/policies/acl/" + name)
        .map(r -> r.text("data", "policy"))
        .orElse(null);
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
    return readAppRoles.create(tokenLifetime);
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
    return writeTokens.create(lifetime);
  }

  /**
   * Copies every live application from one prefix to another; see {@link #copySecrets(String,
   * boolean)}.
   *
   * @param fromPrefix the source, {@code <mount>/<path>}
   * @param toPrefix the target, {@code <mount>/<path>}
   * @param overwrite whether live target applications holding other data may be replaced
   * @return what was copied
   * @throws PhalanxSecretsException when the prefixes are the same, or when target applications
   *     would be overwritten without {@code overwrite} (then nothing is written)
   * @throws StoreException when a read or write fails; applications copied before stay copied
   */
  public CopyResult copySecrets(String fromPrefix, String toPrefix, boolean overwrite) {
    return connection.copySecrets(fromPrefix, toPrefix, overwrite);
  }

  /**
   * Copies every live application from an old prefix into this environment's prefix (sub-folders
   * are skipped; other applications at the target are left alone). Unlike Phalanx, a live
   * application at the target whose data differs is replaced only with {@code overwrite}; without
   * it nothing is written and the error names them. An application whose target already holds the
   * same data is not written again.
   *
   * @param fromPrefix the old prefix, {@code <mount>/<path>}
   * @param overwrite whether live target applications holding other data may be replaced
   * @return what was copied
   * @throws PhalanxSecretsException when the old prefix is the environment's own, or when target
   *     applications would be overwritten without {@code overwrite}
   * @throws StoreException when a read or write fails
   */
  public CopyResult copySecrets(String fromPrefix, boolean overwrite) {
    return copySecrets(fromPrefix, connection.prefix(), overwrite);
  }

  /**
   * This environment's prefix, {@code <mount>/<path>}.
   *
   * @return the prefix
   */
  public String prefix() {
    return connection.prefix();
  }

  /**
   * Where the administrative token comes from (e.g. {@code the environment variable VAULT_TOKEN}),
   * never the token.
   *
   * @return the description
   */
  public String credentialSource() {
    return connection.credentialSource();
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
    return connection.exportSecrets(dir);
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
}

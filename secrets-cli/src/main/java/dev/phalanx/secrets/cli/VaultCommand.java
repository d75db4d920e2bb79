package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.Durations;
import dev.phalanx.secrets.spi.Providers;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.CredentialAudit;
import dev.phalanx.secrets.vault.ReadAppRole;
import dev.phalanx.secrets.vault.VaultCredentials;
import dev.phalanx.secrets.vault.WriteToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vault ...}: the Vault credentials of an environment (policies, read AppRole, write token).
 * Uses an administrative token from {@code VAULT_TOKEN} or {@code ~/.vault-token}.
 */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    description = "Manage the Vault credentials of an environment.",
    subcommands = {
      VaultCommand.Audit.class,
      VaultCommand.CreateReadAppRole.class,
      VaultCommand.CreateWriteToken.class,
      VaultCommand.CopySecrets.class,
      VaultCommand.ExportSecrets.class
    })
final class VaultCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /** Parses a duration in the one grammar of {@link Durations}: {@code 30s}, {@code 3650d}... */
  static Duration duration(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  /** Options every vault subcommand takes. */
  static final class Target {
    @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
    String environment;

    @Mixin ConfigOptions config;

    @Option(
        names = "--vault-url",
        paramLabel = "URL",
        description = "Use this Vault server instead of the environment's vaultUrl.")
    String vaultUrl;

    VaultCredentials open() {
      PhalanxEnvironment env = config.open(Providers.load()).environment(environment);
      Map<String, String> options = new HashMap<>();
      if (vaultUrl != null) {
        options.put("vault-url", vaultUrl);
      }
      return VaultCredentials.open(new StoreConfig("", options, Map.of(), env.settings()));
    }
  }

  /** {@code --as-secret NAME}: print the credentials as a Kubernetes Secret. */
  static final class AsSecret {
    @Option(
        names = "--as-secret",
        paramLabel = "NAME",
        description = "Print a Kubernetes Secret named NAME for vault-secrets-operator.")
    String name;
  }

  /** {@code vault audit ENV}. */
  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description =
          "Check the read AppRole, the read and write policies (diff when changed) and the write"
              + " token (expiry within 7 days); exit 1 when anything is wrong.")
  static final class Audit implements Callable<Integer> {
    @Mixin Target target;
    @Mixin FormatOption output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open()) {
        CredentialAudit audit = credentials.audit();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
          out.println(JsonReports.credentialAudit(target.environment, audit.problems()));
        } else {
          out.print(audit.toText());
        }
        out.flush();
        return audit.isClean() ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    }
  }

  /** {@code vault create-read-approle ENV}. */
  @Command(
      name = "create-read-approle",
      mixinStandardHelpOptions = true,
      description =
          "Create or update the read policy and AppRole, issue a new SecretID and revoke the"
              + " earlier ones. Prints the new credentials: they are secrets.")
  static final class CreateReadAppRole implements Callable<Integer> {
    @Mixin Target target;

    @Mixin AsSecret output;

    @Option(
        names = "--token-lifetime",
        paramLabel = "DURATION",
        description = "Lifetime of tokens issued to the AppRole (e.g. 1h).")
    String tokenLifetime;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open()) {
        ReadAppRole role =
            credentials.createReadAppRole(tokenLifetime == null ? null : duration(tokenLifetime));
        PrintWriter out = spec.commandLine().getOut();
        if (output.name != null) {
          out.print(role.toKubernetesSecret(output.name));
        } else {
          out.println("VAULT_ROLE_ID=" + role.roleId());
          out.println("VAULT_SECRET_ID=" + role.secretId().reveal());
        }
        out.flush();
        spec.commandLine()
            .getErr()
            .println(
                "created a SecretID for AppRole "
                    + role.roleName()
                    + "; revoked "
                    + role.revokedSecretIds()
                    + " earlier SecretIDs");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code vault create-write-token ENV}. */
  @Command(
      name = "create-write-token",
      mixinStandardHelpOptions = true,
      description =
          "Create the write policy and a write token, and revoke the environment's earlier write"
              + " tokens. Prints the token: it is a secret.")
  static final class CreateWriteToken implements Callable<Integer> {
    @Mixin Target target;

    @Mixin AsSecret output;

    @Option(
        names = "--lifetime",
        paramLabel = "DURATION",
        defaultValue = "3650d",
        description = "Token lifetime (default ${DEFAULT-VALUE}; Vault may cap it).")
    String lifetime;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open()) {
        WriteToken token = credentials.createWriteToken(duration(lifetime));
        PrintWriter out = spec.commandLine().getOut();
        if (output.name != null) {
          out.print(token.toKubernetesSecret(output.name));
        } else {
          out.println(token.token().reveal());
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        token.warnings().forEach(w -> err.println("warning: " + w));
        err.println(
            "created write token "
                + token.displayName()
                + token.expires().map(e -> " expiring " + e).orElse("")
                + "; revoked "
                + token.revokedAccessors().size()
                + " earlier write tokens");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code vault copy-secrets ENV OLD_PREFIX}. */
  @Command(
      name = "copy-secrets",
      mixinStandardHelpOptions = true,
      description = "Copy every application's secrets from OLD_PREFIX to the environment's path.")
  static final class CopySecrets implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(
        index = "1",
        paramLabel = "OLD_PREFIX",
        description = "e.g. secret/k8s_operator/old")
    String oldPrefix;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open()) {
        List<String> copied = credentials.copySecrets(oldPrefix);
        spec.commandLine().getOut().println("Copied " + copied.size() + " applications: " + copied);
        return ExitCodes.OK;
      }
    }
  }

  /** {@code vault export-secrets ENV DIR}. */
  @Command(
      name = "export-secrets",
      mixinStandardHelpOptions = true,
      description = "Write every application's secrets to DIR/<app>.json (files created 0600).")
  static final class ExportSecrets implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(index = "1", paramLabel = "DIR", description = "Directory to write to.")
    Path directory;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open()) {
        List<Path> files = credentials.exportSecrets(directory);
        spec.commandLine()
            .getOut()
            .println("Exported " + files.size() + " applications to " + directory + ".");
        return ExitCodes.OK;
      }
    }
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.Durations;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.CopyResult;
import dev.phalanx.secrets.vault.admin.CredentialAudit;
import dev.phalanx.secrets.vault.admin.ReadAppRole;
import dev.phalanx.secrets.vault.admin.VaultCredentials;
import dev.phalanx.secrets.vault.admin.WriteToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
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

    VaultCredentials open(CommandSpec spec) {
      PhalanxEnvironment env = config.open(Providers.load()).environment(environment);
      Map<String, String> options = new HashMap<>();
      if (vaultUrl != null) {
        options.put("vault-url", vaultUrl);
      }
      VaultCredentials credentials =
          VaultCredentials.open(new StoreConfig("", options, Map.of(), env.settings()));
      Workspace.announceCredentials(credentials, spec.commandLine().getErr());
      return credentials;
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
          "Check the read AppRole and the write token as Phalanx does (policies attached, policy"
              + " texts, expiry within 7 days, one write token); print nothing and exit 0 when"
              + " all is well, else Phalanx's report and exit 1.")
  static final class Audit implements Callable<Integer> {
    @Mixin Target target;
    @Mixin FormatOption output;

    @Option(
        names = {"-v", "--verbose"},
        description = "After the report, show a diff of each policy whose text differs.")
    boolean verbose;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open(spec)) {
        CredentialAudit audit = credentials.audit();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
          out.println(JsonReports.credentialAudit(target.environment, audit.problems()));
        } else {
          out.print(audit.toText());
          if (verbose) {
            out.print(audit.details());
          }
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
              + " earlier ones. Prints the new credentials as Phalanx does (YAML), or as a"
              + " Kubernetes Secret: they are secrets.")
  static final class CreateReadAppRole implements Callable<Integer> {
    @Mixin Target target;

    @Mixin AsSecret output;

    @Option(
        names = "--token-lifetime",
        paramLabel = "DURATION",
        description =
            "Lifetime of tokens issued to the AppRole: integer seconds (as Phalanx) or 30m, 1h,"
                + " 7d.")
    String tokenLifetime;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open(spec)) {
        ReadAppRole role =
            credentials.createReadAppRole(tokenLifetime == null ? null : duration(tokenLifetime));
        PrintWriter out = spec.commandLine().getOut();
        if (output.name != null) {
          out.print(role.toKubernetesSecret(output.name));
        } else {
          out.print(role.toYaml());
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
              + " tokens. Prints the token as Phalanx does (YAML), or as a Kubernetes Secret: it is a"
              + " secret. Should anything fail after the token was created, it is revoked again.")
  static final class CreateWriteToken implements Callable<Integer> {
    @Mixin Target target;

    @Mixin AsSecret output;

    @Option(
        names = "--lifetime",
        paramLabel = "DURATION",
        defaultValue = "3650d",
        description =
            "Token lifetime: 3650d, 12h, 30m or integer seconds (default ${DEFAULT-VALUE}; Vault"
                + " may cap it).")
    String lifetime;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open(spec)) {
        WriteToken token = credentials.createWriteToken(duration(lifetime));
        PrintWriter out = spec.commandLine().getOut();
        if (output.name != null) {
          out.print(token.toKubernetesSecret(output.name));
        } else {
          out.print(token.toYaml());
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
      description = {
        "Copy every application's secrets from OLD_PREFIX to the environment's path, printing"
            + " Phalanx's lines.",
        "Unlike Phalanx, an application that exists at the target with other data is not"
            + " overwritten unless --overwrite is given (then nothing is written at all, and the"
            + " error names them); copying a path onto itself is refused."
      })
  static final class CopySecrets implements Callable<Integer> {
    @Mixin Target target;

    @Parameters(
        index = "1",
        paramLabel = "OLD_PREFIX",
        description = "e.g. secret/k8s_operator/old")
    String oldPrefix;

    @Option(
        names = "--overwrite",
        description =
            "Replace applications that exist at the target with other data (their earlier"
                + " versions stay in the KV history).")
    boolean overwrite;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open(spec)) {
        if (trimSlashes(oldPrefix).equals(credentials.prefix())) {
          throw new UsageException(
              "cannot copy the Vault secrets of "
                  + credentials.prefix()
                  + " onto themselves: OLD_PREFIX is the environment's own path");
        }
        CopyResult result = credentials.copySecrets(oldPrefix, overwrite);
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "Copying secrets from " + belowMount(result.from()) + " to " + belowMount(result.to()));
        SortedSet<String> names = new TreeSet<>(result.copied());
        names.addAll(result.skippedFolders());
        for (String name : names) {
          if (name.endsWith("/")) {
            out.println("Skipping subdirectory " + name);
          } else {
            out.println("Copied Vault secret for " + name);
          }
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        result
            .overwritten()
            .forEach(
                (app, version) ->
                    err.println(
                        "overwrote "
                            + app
                            + " at "
                            + result.to()
                            + " (its version "
                            + version
                            + " stays in the KV history)"));
        err.flush();
        return ExitCodes.OK;
      }
    }

    private static String trimSlashes(String prefix) {
      String s = prefix.strip();
      while (s.startsWith("/")) {
        s = s.substring(1);
      }
      while (s.endsWith("/")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    }

    /** Phalanx prints paths without their mount. */
    private static String belowMount(String prefix) {
      return prefix.substring(prefix.indexOf('/') + 1);
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

    @Option(
        names = {"-v", "--verbose"},
        description = "Say how many applications were exported (Phalanx prints nothing).")
    boolean verbose;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (VaultCredentials credentials = target.open(spec)) {
        List<Path> files = credentials.exportSecrets(directory);
        if (verbose) {
          spec.commandLine()
              .getOut()
              .println("Exported " + files.size() + " applications to " + directory + ".");
        }
        return ExitCodes.OK;
      }
    }
  }
}

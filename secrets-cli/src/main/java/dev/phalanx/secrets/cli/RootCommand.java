package dev.phalanx.secrets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code phalanx-secrets} command and its subcommands. */
@Command(
    name = "phalanx-secrets",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage the secrets of Phalanx-style Kubernetes deployments.",
    subcommands = {
      ListCommand.class,
      AuditCommand.class,
      SyncCommand.class,
      PlanCommand.class,
      StaticTemplateCommand.class,
      ExplainCommand.class,
      ExportCommand.class,
      GenerateCommand.class,
      SchemaCommand.class,
      StaticSecretsCommand.class,
      VaultCommand.class,
      SecretsGroup.class
    },
    usageHelpAutoWidth = true)
final class RootCommand implements Runnable {

  @Option(
      names = "--debug",
      description = "Log at debug level and show stack traces on errors.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}

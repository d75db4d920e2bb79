package dev.phalanx.secrets.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code phalanx-secrets} command; its subcommands are added by {@link CommandTree}. */
@Command(
    name = "phalanx-secrets",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage the secrets of Phalanx-style Kubernetes deployments.",
    footer = {
      "",
      "Run 'phalanx-secrets help COMMAND' (or COMMAND --help) for a command's options, and"
          + " 'phalanx-secrets completion bash|zsh' for shell completion. Exit status: 0 success,"
          + " 1 an audit found differences, 2 any error or usage error."
    },
    usageHelpAutoWidth = true)
final class RootCommand implements Runnable {

  @Option(
      names = "--debug",
      description = "Log at debug level and show stack traces on errors.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  @Option(
      names = "--trace",
      description =
          "Like --debug, and log every HTTP request to Vault and 1Password (method, path, status;"
              + " never bodies or tokens).",
      scope = CommandLine.ScopeType.INHERIT)
  boolean trace;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors on standard error: no progress, warnings or notes.",
      scope = CommandLine.ScopeType.INHERIT)
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}

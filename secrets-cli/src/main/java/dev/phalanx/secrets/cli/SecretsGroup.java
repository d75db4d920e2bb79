package dev.phalanx.secrets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code secrets COMMAND}: Phalanx's spelling ({@code phalanx secrets list ENV}, ...), so that
 * {@code alias phalanx=phalanx-secrets} keeps scripts working. The same commands as at the top
 * level.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = "Phalanx's spelling of the secret commands: secrets list|audit|sync|... ENV.")
final class SecretsGroup implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}

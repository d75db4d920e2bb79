package dev.phalanx.secrets.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code help [COMMAND [SUBCOMMAND]]}: the help of the tool or of a (nested) command. */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the help of the tool, or of a command: help sync, help vault audit.")
final class HelpCommand implements Runnable {

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "The command (and subcommand) to describe.")
  List<String> commands = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    CommandLine target = spec.root().commandLine();
    for (String name : commands) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        String suggestion =
            Suggestions.closest(name, List.copyOf(target.getSubcommands().keySet()));
        String hint = suggestion == null ? "" : "; did you mean `" + suggestion + "`?";
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown command '" + name + "' of " + target.getCommandSpec().qualifiedName() + hint);
      }
      target = next;
    }
    target.usage(spec.commandLine().getOut(), CommandLine.Help.Ansi.AUTO);
    spec.commandLine().getOut().flush();
  }
}

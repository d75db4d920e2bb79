package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code completion bash|zsh}: prints a shell completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print the shell completion script for bash or zsh.",
    footer = {
      "",
      "bash: source <(phalanx-secrets completion bash), or save it in"
          + " ~/.local/share/bash-completion/completions/phalanx-secrets.",
      "",
      "zsh: phalanx-secrets completion zsh > \"${fpath[1]}/_phalanx-secrets\", or source it from"
          + " ~/.zshrc."
    })
final class CompletionCommand implements Runnable {

  /** The shells. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(script(spec.root().commandLine(), shell));
    out.flush();
  }

  /** The completion script of the root command for a shell. */
  static String script(CommandLine root, Shell shell) {
    String name = root.getCommandName();
    String bash = AutoComplete.bash(name, root);
    if (shell == Shell.bash) {
      return bash;
    }
    // picocli's script runs in zsh through bashcompinit (it sets that up itself).
    return "#compdef " + name + "\n" + bash;
  }
}

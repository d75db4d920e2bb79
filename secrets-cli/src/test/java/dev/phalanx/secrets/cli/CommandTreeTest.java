package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;

/**
 * A command line builds only the branch of the tree it runs; what a user sees of that command (its
 * help, its errors) is the same as with the whole tree.
 */
class CommandTreeTest {

  @Test
  @DisplayName("each table name is the name the command declares")
  void namesAreTheDeclaredNames() {
    assertDeclaredNames(CommandTree.TOP);
    assertDeclaredNames(CommandTree.SECRETS);
  }

  @Test
  @DisplayName("a command line naming a command builds the root and that command only")
  void buildsOnlyTheNamedBranch() {
    assertThat(names(CommandTree.forArguments(List.of("audit", "idfdev"))))
        .containsExactly("audit");
    assertThat(names(CommandTree.forArguments(List.of("--debug", "-q", "sync", "x"))))
        .containsExactly("sync");
    CommandLine secrets =
        CommandTree.forArguments(List.of("secrets", "--trace", "list", "idfdev"))
            .getSubcommands()
            .get("secrets");
    assertThat(names(secrets)).containsExactly("list");
    assertThat(
            names(
                CommandTree.forArguments(List.of("vault", "audit", "x"))
                    .getSubcommands()
                    .get("vault")))
        .contains("audit", "create-read-approle", "create-write-token", "copy-secrets");
  }

  @Test
  @DisplayName("help, completion, flags alone and unknown commands get the whole tree")
  void wholeTreeWhenTheCommandDescribesOthers() {
    List<String> all = List.copyOf(CommandTree.TOP.keySet());
    for (List<String> args :
        List.of(
            List.<String>of(),
            List.of("--help"),
            List.of("--debug", "--version"),
            List.of("help", "sync"),
            List.of("completion", "bash"),
            List.of("snyc", "idfdev"),
            List.of("idfdev"))) {
      assertThat(names(CommandTree.forArguments(args))).as("%s", args).isEqualTo(all);
    }
    assertThat(
            names(
                CommandTree.forArguments(List.of("secrets", "lsit"))
                    .getSubcommands()
                    .get("secrets")))
        .isEqualTo(List.copyOf(CommandTree.SECRETS.keySet()));
  }

  @Test
  @DisplayName("every command's help is the same whether built alone or in the whole tree")
  void helpIsTheSameAlone() {
    CommandLine whole = Main.commandLine();
    for (String name : CommandTree.TOP.keySet()) {
      if (name.equals("help") || name.equals("completion")) {
        continue;
      }
      CommandLine alone = Main.configure(CommandTree.forArguments(List.of(name)));
      assertThat(usage(alone.getSubcommands().get(name)))
          .as(name)
          .isEqualTo(usage(whole.getSubcommands().get(name)));
    }
    CommandLine wholeSecrets = whole.getSubcommands().get("secrets");
    for (String name : CommandTree.SECRETS.keySet()) {
      CommandLine alone =
          Main.configure(CommandTree.forArguments(List.of("secrets", name)))
              .getSubcommands()
              .get("secrets");
      assertThat(usage(alone.getSubcommands().get(name)))
          .as("secrets " + name)
          .isEqualTo(usage(wholeSecrets.getSubcommands().get(name)));
    }
  }

  @Test
  @DisplayName("a usage error of a command built alone reads as with the whole tree")
  void usageErrorsAreTheSame() {
    Cli alone = Cli.run("sync", "--dry-rn", "idfdev");
    assertThat(alone.status()).isEqualTo(2);
    assertThat(alone.err())
        .contains("Did you mean `--dry-run`?", "Try 'phalanx-secrets sync --help' for usage.");
    Cli unknown = Cli.run("snyc");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Did you mean `sync`?");
  }

  private static void assertDeclaredNames(Map<String, Supplier<Object>> table) {
    for (Map.Entry<String, Supplier<Object>> e : table.entrySet()) {
      Command declared = e.getValue().get().getClass().getAnnotation(Command.class);
      assertThat(declared.name()).isEqualTo(e.getKey());
    }
  }

  private static List<String> names(CommandLine cli) {
    return List.copyOf(cli.getSubcommands().keySet());
  }

  private static String usage(CommandLine cli) {
    return cli.getUsageMessage(Ansi.OFF);
  }
}

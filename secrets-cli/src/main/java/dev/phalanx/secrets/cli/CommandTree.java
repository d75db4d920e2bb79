package dev.phalanx.secrets.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command tree: built whole (help, completion, man pages, an unknown command), or with only the
 * branch a command line runs. picocli reflects over every option of every command it is given,
 * about 0.15 s for the whole tree at start-up (BENCHMARKS.md, issue 13), so {@code phalanx-secrets
 * audit ENV} builds the root and {@code audit} only. A command's own help, errors and behaviour are
 * the same either way ({@code CommandTreeTest}).
 */
final class CommandTree {

  /** The top-level commands, in help order. */
  static final Map<String, Supplier<Object>> TOP = top();

  /** The commands of the {@code secrets} group (Phalanx's spelling), in help order. */
  static final Map<String, Supplier<Object>> SECRETS = secrets();

  /** The root's own options, which may come before the command's name. */
  private static final Set<String> GLOBAL_FLAGS = Set.of("--debug", "--trace", "-q", "--quiet");

  /** Commands that need the whole tree: they describe or complete the other commands. */
  private static final Set<String> WHOLE_TREE = Set.of("help", "completion");

  private CommandTree() {}

  private static Map<String, Supplier<Object>> top() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("list", ListCommand::new);
    m.put("audit", AuditCommand::new);
    m.put("sync", SyncCommand::new);
    m.put("plan", PlanCommand::new);
    m.put("static-template", StaticTemplateCommand::new);
    m.put("explain", ExplainCommand::new);
    m.put("export", ExportCommand::new);
    m.put("generate", GenerateCommand::new);
    m.put("schema", SchemaCommand::new);
    m.put("onepassword-secrets", OnePasswordSecretsCommand::new);
    m.put("vault", VaultCommand::new);
    m.put("secrets", SecretsGroup::new);
    m.put("completion", CompletionCommand::new);
    m.put("help", HelpCommand::new);
    return m;
  }

  private static Map<String, Supplier<Object>> secrets() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    for (String name :
        List.of(
            "list",
            "audit",
            "sync",
            "plan",
            "static-template",
            "onepassword-secrets",
            "schema",
            "explain",
            "export",
            "generate")) {
      m.put(name, TOP.get(name));
    }
    return m;
  }

  /**
   * The whole tree.
   *
   * @return the root command line with every command
   */
  static CommandLine whole() {
    CommandLine root = new CommandLine(new RootCommand());
    for (Map.Entry<String, Supplier<Object>> e : TOP.entrySet()) {
      root.addSubcommand(e.getKey(), group(e.getKey(), null));
    }
    return root;
  }

  /**
   * The tree a command line needs: the root and the branch it names, or the whole tree when it
   * names none, an unknown command, or one that describes the others.
   *
   * @param args the arguments
   * @return the root command line
   */
  static CommandLine forArguments(List<String> args) {
    int i = firstCommand(args, 0);
    String name = i < 0 ? null : args.get(i);
    if (name == null || !TOP.containsKey(name) || WHOLE_TREE.contains(name)) {
      return whole();
    }
    String sub = null;
    if (name.equals("secrets")) {
      int j = firstCommand(args, i + 1);
      sub = j < 0 || !SECRETS.containsKey(args.get(j)) ? null : args.get(j);
    }
    CommandLine root = new CommandLine(new RootCommand());
    root.addSubcommand(name, group(name, sub));
    return root;
  }

  /** Command {@code name}; for {@code secrets}, with only {@code sub} when it is not null. */
  private static Object group(String name, String sub) {
    if (!name.equals("secrets")) {
      return TOP.get(name).get();
    }
    CommandLine group = new CommandLine(new SecretsGroup());
    for (Map.Entry<String, Supplier<Object>> e : SECRETS.entrySet()) {
      if (sub == null || sub.equals(e.getKey())) {
        group.addSubcommand(e.getKey(), e.getValue().get());
      }
    }
    return group;
  }

  /** Index of the first argument from {@code from} that is not a root flag, or -1. */
  private static int firstCommand(List<String> args, int from) {
    for (int i = from; i < args.size(); i++) {
      String a = args.get(i);
      if (!GLOBAL_FLAGS.contains(a)) {
        return a.startsWith("-") ? -1 : i;
      }
    }
    return -1;
  }
}

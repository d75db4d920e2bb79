package dev.phalanx.secrets.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages (troff, section 1) and shell completion scripts, generated from the command model so
 * they always match the help. Run at build time: {@code ManPages OUTPUT_DIR} writes {@code
 * man/man1/*.1} and {@code completion/phalanx-secrets.bash} and {@code
 * completion/_phalanx-secrets}.
 */
public final class ManPages {

  private ManPages() {}

  /**
   * Writes the man pages and completion scripts.
   *
   * @param args the output directory
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR");
    }
    Path out = Path.of(args[0]);
    CommandLine root = Main.commandLine();
    Path man = Files.createDirectories(out.resolve("man").resolve("man1"));
    for (CommandLine cli : all(root)) {
      Files.writeString(
          man.resolve(pageName(cli.getCommandSpec()) + ".1"), page(cli), StandardCharsets.UTF_8);
    }
    Path completion = Files.createDirectories(out.resolve("completion"));
    Files.writeString(
        completion.resolve(root.getCommandName() + ".bash"),
        CompletionCommand.script(root, CompletionCommand.Shell.bash),
        StandardCharsets.UTF_8);
    Files.writeString(
        completion.resolve("_" + root.getCommandName()),
        CompletionCommand.script(root, CompletionCommand.Shell.zsh),
        StandardCharsets.UTF_8);
  }

  /** The command and all its subcommands, depth first, without the help command. */
  static List<CommandLine> all(CommandLine cli) {
    List<CommandLine> list = new ArrayList<>();
    list.add(cli);
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!sub.getCommandSpec().usageMessage().hidden() && !list.contains(sub)) {
        list.addAll(all(sub));
      }
    }
    return list.stream().distinct().toList();
  }

  /** {@code phalanx-secrets-vault-audit}. */
  static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  /** The troff text of one command's man page. */
  static String page(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    String version = VersionProvider.version();
    StringBuilder b = new StringBuilder();
    b.append(".TH \"")
        .append(pageName(spec).toUpperCase(Locale.ROOT))
        .append("\" \"1\" \"\" \"phalanx-secrets ")
        .append(escape(version))
        .append("\" \"phalanx-secrets manual\"\n");
    b.append(".SH NAME\n")
        .append(escape(spec.qualifiedName()))
        .append(" \\- ")
        .append(escape(String.join(" ", spec.usageMessage().description())))
        .append('\n');
    b.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName())).append('\n');
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        b.append('[').append(escape(synopsis(o))).append("]\n");
      }
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        b.append(escape(p.paramLabel())).append('\n');
      }
    }
    if (!cli.getSubcommands().isEmpty()) {
      b.append("COMMAND\n");
    }
    b.append(".SH DESCRIPTION\n");
    b.append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
    for (String line : HelpLayout.reflow(spec.usageMessage().footer())) {
      b.append(line.isBlank() ? ".PP\n" : escape(line.strip()) + "\n");
    }
    if (!spec.positionalParameters().isEmpty() || !spec.options().isEmpty()) {
      b.append(".SH OPTIONS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        item(b, p.paramLabel(), p);
      }
      for (OptionSpec o : spec.options()) {
        if (!o.hidden()) {
          item(b, synopsis(o), o);
        }
      }
    }
    if (!cli.getSubcommands().isEmpty()) {
      b.append(".SH COMMANDS\n");
      for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
        CommandSpec sub = e.getValue().getCommandSpec();
        if (!e.getKey().equals(sub.name())) {
          continue; // an alias
        }
        b.append(".TP\n.B ").append(escape(e.getKey())).append('\n');
        b.append(escape(String.join(" ", sub.usageMessage().description()))).append('\n');
        b.append("See \\fB").append(escape(pageName(sub))).append("\\fR(1).\n");
      }
    }
    b.append(".SH ENVIRONMENT\n");
    HelpLayout.ENVIRONMENT.forEach(
        (k, v) -> b.append(".TP\n.B ").append(k).append('\n').append(escape(v)).append('\n'));
    b.append(".SH EXIT STATUS\n");
    b.append(".TP\n.B 0\nSuccess.\n");
    b.append(".TP\n.B 1\nFailure, or a report that found problems (audit).\n");
    b.append(".TP\n.B 2\nUsage error: bad arguments or options.\n");
    if (spec.parent() != null) {
      b.append(".SH SEE ALSO\n\\fB").append(escape(pageName(spec.root()))).append("\\fR(1)\n");
    }
    return b.toString();
  }

  private static void item(StringBuilder b, String term, ArgSpec arg) {
    b.append(".TP\n.B ").append(escape(term)).append('\n');
    String description = String.join(" ", arg.description());
    String defaultValue = arg.defaultValueString();
    description = description.replace("${DEFAULT-VALUE}", String.valueOf(defaultValue));
    if (arg.completionCandidates() != null && description.contains("${COMPLETION-CANDIDATES}")) {
      List<String> values = new ArrayList<>();
      arg.completionCandidates().forEach(values::add);
      description = description.replace("${COMPLETION-CANDIDATES}", String.join(", ", values));
    }
    b.append(escape(description)).append('\n');
  }

  private static String synopsis(OptionSpec o) {
    String names = String.join(", ", o.names());
    if (o.typeInfo().isBoolean() || o.arity().max() == 0) {
      return names;
    }
    return names + " " + o.paramLabel();
  }

  /** Escapes troff: backslashes, and a leading dot or quote. */
  static String escape(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    if (e.startsWith(".") || e.startsWith("'")) {
      e = "\\&" + e;
    }
    return e;
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code list ENV}: the secrets an environment requires. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the secrets an environment requires.",
    footer = {
      "",
      "Text output is one 'application key' per line, sorted by application then key:",
      "the lines 'phalanx secrets list' prints. JSON adds kind, description, copy source",
      "and generator."
    })
final class ListCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin ConfigOptions config;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PhalanxEnvironment env = config.open(Providers.load()).environment(environment);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(JsonReports.list(environment, env.secrets()));
    } else {
      StringBuilder text = new StringBuilder();
      for (Secret secret : env.secrets()) {
        text.append(secret.application()).append(' ').append(secret.key()).append('\n');
      }
      out.print(text);
    }
    out.flush();
    return ExitCodes.OK;
  }
}

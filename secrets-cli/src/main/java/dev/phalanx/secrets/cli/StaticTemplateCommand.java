package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code static-template ENV}: a static-secrets file to fill in. */
@Command(
    name = "static-template",
    mixinStandardHelpOptions = true,
    description = "Write a static-secrets YAML template for the environment's static secrets.")
final class StaticTemplateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin ConfigOptions config;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE (created 0600) instead of standard output.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String yaml = StaticTemplate.render(config.open(Providers.load()).environment(environment));
    if (output != null) {
      OwnerOnlyFiles.write(output, yaml);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(yaml);
      out.flush();
    }
    return ExitCodes.OK;
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.support.OwnerOnlyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
    write(yaml, output, spec);
    return ExitCodes.OK;
  }

  /**
   * Writes a static-secrets YAML document to {@code output} (owner-only, atomically) or, without
   * it, to standard output.
   */
  static void write(String yaml, @Nullable Path output, CommandSpec spec) throws IOException {
    if (output != null) {
      OwnerOnlyFiles.write(output, yaml);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(yaml);
      out.flush();
    }
  }
}

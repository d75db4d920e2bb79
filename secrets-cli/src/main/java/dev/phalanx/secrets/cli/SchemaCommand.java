package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.SecretsSchema;
import dev.phalanx.secrets.providers.Providers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema}: the JSON Schema of {@code secrets.yaml}. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description =
        "Print the JSON Schema (draft 2020-12) of secrets.yaml, including every generator type"
            + " on the class path and its options.")
final class SchemaCommand implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String schema = SecretsSchema.generate(Providers.load());
    if (output != null) {
      Path parent = output.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(output, schema, StandardCharsets.UTF_8);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(schema);
      out.flush();
    }
    return ExitCodes.OK;
  }
}

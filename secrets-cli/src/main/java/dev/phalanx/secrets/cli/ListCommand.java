package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.Providers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Secret secret : env.secrets()) {
        rows.add(describe(secret));
      }
      out.println(Json.write(rows));
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

  static Map<String, Object> describe(Secret secret) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("application", secret.application());
    row.put("key", secret.key());
    row.put("kind", secret.kind());
    row.put("description", secret.description());
    if (secret instanceof CopySecret copy) {
      row.put("copy", Map.of("application", copy.from().application(), "key", copy.from().key()));
    }
    if (secret instanceof GeneratedSecret generated) {
      Map<String, Object> generate = new LinkedHashMap<>();
      generate.put("type", generated.type());
      if (generated.rule().source() != null) {
        generate.put("source", generated.rule().source());
      }
      if (!generated.rule().options().isEmpty()) {
        generate.put("options", generated.rule().options().asMap());
      }
      row.put("generate", generate);
    }
    if (secret.spec().onepasswordEncoded()) {
      row.put("onepassword", Map.of("encoded", true));
    }
    return row;
  }
}

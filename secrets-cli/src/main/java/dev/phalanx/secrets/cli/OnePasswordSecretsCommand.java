package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onepassword-secrets ENV}: the environment's static secrets read from 1Password (or another
 * {@code --source}), written in the static-secrets file layout. Prints secrets by design.
 */
@Command(
    name = "onepassword-secrets",
    mixinStandardHelpOptions = true,
    description =
        "Read the environment's static secrets from 1Password (or --source) and write them in the"
            + " static-secrets file layout.",
    footer = {"", "The output holds secrets: prefer -o FILE (created 0600) to standard output."})
final class OnePasswordSecretsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin ConfigOptions config;

  @Option(
      names = "--source",
      paramLabel = "URI",
      description = "Another source than the environment's 1Password, e.g. onepassword: options.")
  String source;

  @Option(
      names = "--onepassword-layout",
      paramLabel = "LAYOUT",
      description = "environment (default) or legacy (the shared RSP-Vault).")
  String layout;

  @Option(
      names = "--source-option",
      paramLabel = "KEY=VALUE",
      description = "An option of the source (repeatable), e.g. missing=error.")
  Map<String, String> sourceOption = new LinkedHashMap<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE (created 0600) instead of standard output.")
  Path output;

  @Spec CommandSpec spec;

  /** For this command a gap in 1Password is shown as {@code value: null} with a warning. */
  private static Map<String, String> withMissingWarn(String uri, Map<String, String> options) {
    if (!uri.startsWith("onepassword:")) {
      return options;
    }
    Map<String, String> out = new HashMap<>(options);
    out.putIfAbsent("missing", "warn");
    return out;
  }

  @Override
  public Integer call() throws IOException {
    Providers providers = Providers.load();
    PhalanxEnvironment env = config.open(providers).environment(environment);
    EngineOptions options = new EngineOptions();
    options.config = config;
    options.source = source;
    options.onePasswordLayout = layout;
    options.sourceOption = sourceOption;
    String uri = options.sourceUri(env, providers);
    if (uri == null) {
      throw new PhalanxSecretsException(
          "environment "
              + environment
              + " does not use 1Password (no onepassword.connectUrl), and no --source was given");
    }
    StaticSecrets statics =
        Workspace.fetchStatics(
            providers,
            env,
            uri,
            withMissingWarn(uri, options.sourceOptions(uri)),
            spec.commandLine().getErr());
    String yaml = StaticTemplate.render(env, statics);
    StaticTemplateCommand.write(yaml, output, spec);
    return ExitCodes.OK;
  }
}

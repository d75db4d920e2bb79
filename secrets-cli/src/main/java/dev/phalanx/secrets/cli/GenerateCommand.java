package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code generate TYPE}: prints one fresh value. The one command that prints a secret, by design.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Print one freshly generated value of a generator type.",
    footer = {
      "",
      "The value goes to standard output: this command prints a secret by design.",
      "Sources and dependencies are read from files so they never appear in 'ps'.",
      "Example: generate x509-certificate --source-value-file key.pem \\",
      "           --option commonName=example.com --option dnsNames=example.com,www.example.com"
    })
final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The generator type.")
  String type;

  @Option(
      names = "--source-value-file",
      paramLabel = "FILE",
      description = "File holding the source value (for types that take a source).")
  Path sourceFile;

  @Option(
      names = "--option",
      paramLabel = "NAME=VALUE",
      description =
          "A generator option (repeatable); nested options with dots (issuer.certificate=KEY),"
              + " lists comma-separated.")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(
      names = "--dependency-file",
      paramLabel = "KEY=FILE",
      description = "The value of a secret an option names (e.g. the issuer's certificate).")
  Map<String, Path> dependencies = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    SecretGenerator generator =
        Providers.load()
            .find(type)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown generator type '"
                            + type
                            + "'; known types: "
                            + Providers.load().types()));
    if (generator.sourcePolicy() == SourcePolicy.REQUIRED && sourceFile == null) {
      throw new UsageException(type + " needs --source-value-file FILE");
    }
    if (generator.sourcePolicy() == SourcePolicy.FORBIDDEN && sourceFile != null) {
      throw new UsageException(type + " takes no source");
    }
    RuleOptions parsed = RuleOptions.of(parse(generator.options(), options, ""));
    List<String> problems = new ArrayList<>(generator.validate(parsed));
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("; ", problems));
    }
    Map<String, SecretValue> deps = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : dependencies.entrySet()) {
      deps.put(e.getKey(), read(e.getValue()));
    }
    SecretValue source = sourceFile == null ? null : read(sourceFile);
    SecretValue value = generator.generate(new Context(parsed, source, deps));
    PrintWriter out = spec.commandLine().getOut();
    String text = value.reveal();
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
    return ExitCodes.OK;
  }

  private static SecretValue read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return SecretValue.of(text.endsWith("\n") && !text.startsWith("-----") ? text.strip() : text);
  }

  /** Turns NAME=VALUE pairs into typed option values following the declarations. */
  private static Map<String, Object> parse(
      List<GeneratorOption> declared, Map<String, String> raw, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      if (!name.startsWith(prefix)) {
        continue;
      }
      String local = name.substring(prefix.length()).split("\\.")[0];
      if (declared.stream().noneMatch(o -> o.name().equals(local))) {
        throw new UsageException(
            "unknown option '"
                + name
                + "'; this type accepts: "
                + declared.stream().map(o -> prefix + o.name()).toList());
      }
    }
    for (GeneratorOption option : declared) {
      String name = prefix + option.name();
      if (option.type() == GeneratorOption.Type.OBJECT) {
        boolean given = raw.keySet().stream().anyMatch(k -> k.startsWith(name + "."));
        if (!given) {
          // An optional object left out entirely (e.g. no issuer: self-signed) is absent; its
          // required fields are required only once the object is given.
          if (option.required()) {
            throw new UsageException("--option " + name + ".*=... is required for this type");
          }
          continue;
        }
        Map<String, Object> nested = parse(option.fields(), raw, name + ".");
        if (!nested.isEmpty()) {
          out.put(option.name(), nested);
        }
        continue;
      }
      String value = raw.get(name);
      if (value == null) {
        if (option.required()) {
          throw new UsageException("--option " + name + "=... is required for this type");
        }
        continue;
      }
      try {
        out.put(
            option.name(),
            switch (option.type()) {
              case INTEGER -> Long.parseLong(value);
              case BOOLEAN -> parseBoolean(value);
              case STRING_LIST -> List.of(value.split(","));
              default -> value;
            });
      } catch (NumberFormatException e) {
        throw new UsageException("--option " + name + " must be an integer");
      }
    }
    return out;
  }

  private static boolean parseBoolean(String value) {
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new UsageException("expected true or false, got '" + value + "'");
  }

  /** Generation context for one command-line value. */
  private static final class Context implements GenerationContext {
    private final RuleOptions options;
    private final SecretValue source;
    private final Map<String, SecretValue> dependencies;
    private final SecureRandom random = new SecureRandom();

    Context(RuleOptions options, SecretValue source, Map<String, SecretValue> dependencies) {
      this.options = options;
      this.source = source;
      this.dependencies = dependencies;
    }

    @Override
    public SecretRef target() {
      return new SecretRef("command-line", "value");
    }

    @Override
    public SecureRandom random() {
      return random;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public Optional<SecretValue> source() {
      return Optional.ofNullable(source);
    }

    @Override
    public RuleOptions options() {
      return options;
    }

    @Override
    public SecretValue dependency(String key) {
      SecretValue value = dependencies.get(key);
      if (value == null) {
        throw new PhalanxSecretsException(
            "this type needs the value of '" + key + "': give --dependency-file " + key + "=FILE");
      }
      return value;
    }

    @Override
    public List<OidcClient> oidcClients() {
      return List.of();
    }
  }
}

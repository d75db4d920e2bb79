package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.RuleConflictException;
import dev.phalanx.secrets.UnknownEnvironmentException;
import dev.phalanx.secrets.model.Condition;
import dev.phalanx.secrets.model.CopyRule;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.OnePasswordSettings;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretDecision;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A Phalanx configuration tree: {@code applications/} and {@code environments/} under one root.
 *
 * <pre>{@code
 * PhalanxConfig config = PhalanxConfig.open(Path.of("phalanx"), Providers.load());
 * PhalanxEnvironment env = config.environment("idfdev");
 * List<Secret> required = env.secrets(); // sorted by application, then key
 * }</pre>
 *
 * <p>Every file is read and parsed at most once per instance, however many environments are loaded.
 * Instances are thread-safe. All problems of an environment (bad YAML, invalid specs, missing
 * applications) are reported together in one {@link ConfigurationException}, each with file and
 * line.
 */
public final class PhalanxConfig {

  private static final Logger LOG = LoggerFactory.getLogger(PhalanxConfig.class);
  private static final Pattern ENV_FILE = Pattern.compile("values-(.+)\\.yaml");
  private static final String BOTH_APPLY = "both copy and generate apply";

  /** The strings pydantic accepts for a boolean (compared in lower case). */
  private static final Map<String, Boolean> BOOLEAN_STRINGS =
      Map.ofEntries(
          Map.entry("0", false),
          Map.entry("off", false),
          Map.entry("f", false),
          Map.entry("false", false),
          Map.entry("n", false),
          Map.entry("no", false),
          Map.entry("1", true),
          Map.entry("on", true),
          Map.entry("t", true),
          Map.entry("true", true),
          Map.entry("y", true),
          Map.entry("yes", true));

  private final Path root;
  private final GeneratorCatalog generators;
  private final ConcurrentMap<Path, Cached> documents = new ConcurrentHashMap<>();
  private final ConcurrentMap<Path, SpecParser.Result> specs = new ConcurrentHashMap<>();
  private volatile @Nullable List<String> environmentNames;

  private PhalanxConfig(Path root, GeneratorCatalog generators) {
    this.root = root;
    this.generators = generators;
  }

  /**
   * Opens a configuration tree. Reads nothing yet but checks the layout.
   *
   * @param root the directory holding {@code applications/} and {@code environments/}
   * @param generators the generator types specs may use (usually {@code Providers.load()})
   * @return the configuration
   * @throws ConfigurationException when the directory is not a configuration tree
   */
  public static PhalanxConfig open(Path root, GeneratorCatalog generators) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(generators, "generators");
    if (!isConfigRoot(root)) {
      throw new ConfigurationException(
          new Problem(
              Location.of(root),
              null,
              "not a Phalanx configuration tree: needs both applications/ and environments/"));
    }
    return new PhalanxConfig(root, generators);
  }

  /**
   * Finds the nearest directory at or above {@code start} that has both {@code applications/} and
   * {@code environments/}.
   *
   * @param start where to start looking
   * @return the root, empty when there is none
   */
  public static Optional<Path> findRoot(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isConfigRoot(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static boolean isConfigRoot(Path dir) {
    return Files.isDirectory(dir.resolve("applications"))
        && Files.isDirectory(dir.resolve("environments"));
  }

  /**
   * The root directory, as given.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  /**
   * The generator catalog specs are validated against.
   *
   * @return the catalog
   */
  public GeneratorCatalog generators() {
    return generators;
  }

  /**
   * The environments: every {@code environments/values-<env>.yaml}, sorted.
   *
   * @return environment names
   */
  public List<String> environmentNames() {
    List<String> names = environmentNames;
    if (names == null) {
      try (Stream<Path> files = Files.list(root.resolve("environments"))) {
        names =
            files
                .map(p -> ENV_FILE.matcher(p.getFileName().toString()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new ConfigurationException(
            new Problem(
                Location.of(root.resolve("environments")),
                null,
                "cannot list environments: " + e.getMessage()));
      }
      environmentNames = names;
    }
    return names;
  }

  /**
   * Loads the merged settings of one environment.
   *
   * @param environment the environment name
   * @return the settings
   * @throws UnknownEnvironmentException when there is no such environment
   * @throws ConfigurationException when the settings files are invalid
   */
  public EnvironmentSettings settings(String environment) {
    List<Problem> problems = new ArrayList<>();
    EnvironmentSettings settings = settings(environment, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return settings;
  }

  /**
   * Loads one environment: settings, enabled applications, Helm values and required secrets.
   *
   * @param environment the environment name
   * @return the environment
   * @throws UnknownEnvironmentException when there is no such environment; the message lists the
   *     known ones
   * @throws ConfigurationException with every problem found, each naming file, line and key
   */
  public PhalanxEnvironment environment(String environment) {
    List<Problem> problems = new ArrayList<>();
    EnvironmentSettings settings = settings(environment, problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    List<SecretDecision> decisions = new ArrayList<>();
    Map<String, Map<Object, Object>> helmValues = new TreeMap<>();
    for (String app : settings.enabledApplications()) {
      Optional<String> badName = Names.checkApplication(app);
      if (badName.isPresent()) {
        problems.add(
            new Problem(applicationLocation(environment, app), "applications", badName.get()));
        continue;
      }
      Path chart = Path.of("applications", app, "Chart.yaml");
      if (!Files.isRegularFile(root.resolve(chart))) {
        problems.add(
            new Problem(
                applicationLocation(environment, app),
                app,
                "application is enabled but " + display(chart.toString()) + " does not exist"));
        continue;
      }
      Map<Object, Object> values =
          Maps.deepMerge(
              helmValues(Path.of("applications", app, "values.yaml"), problems),
              helmValues(
                  Path.of("applications", app, "values-" + environment + ".yaml"), problems));
      helmValues.put(app, values);
      Map<String, SecretSpec> merged =
          new TreeMap<>(dev.phalanx.secrets.SecretRef.CODE_POINT_ORDER);
      merged.putAll(specFile(Path.of("applications", app, "secrets.yaml"), app, problems));
      merged.putAll(
          specFile(
              Path.of("applications", app, "secrets-" + environment + ".yaml"), app, problems));
      for (SecretSpec spec : merged.values()) {
        checkDependencies(spec, merged, problems);
        decisions.add(decide(spec, values, environment, problems));
      }
    }
    if (problems.stream().anyMatch(p -> p.message().startsWith(BOTH_APPLY))) {
      throw new RuleConflictException(problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    PhalanxEnvironment env = new PhalanxEnvironment(settings, decisions, helmValues);
    LOG.debug(
        "loaded environment {}: {} applications, {} secrets",
        environment,
        helmValues.size(),
        env.secrets().size());
    return env;
  }

  private void checkDependencies(
      SecretSpec spec, Map<String, SecretSpec> merged, List<Problem> problems) {
    GenerateRule rule = spec.generate();
    if (rule == null) {
      return;
    }
    SecretGenerator generator = generators.find(rule.type()).orElse(null);
    if (generator == null) {
      return;
    }
    for (String key : GeneratorOption.dependencyKeys(rule, generator.options())) {
      if (!merged.containsKey(key)) {
        // Phalanx accepts this at load and reports the secret unresolved in audit and sync.
        LOG.warn(
            "{}: {}/{}: generate refers to '{}', which is not a secret of application {}; the"
                + " secret cannot be resolved",
            spec.location(),
            spec.application(),
            spec.key(),
            key,
            spec.application());
      }
    }
  }

  private SecretDecision decide(
      SecretSpec spec, Map<Object, Object> values, String environment, List<Problem> problems) {
    String where = "defined at " + spec.location();
    Condition condition = spec.condition();
    if (condition != null && !condition.test(values)) {
      return new SecretDecision(
          spec,
          null,
          "skipped: condition '"
              + condition
              + "' is not true in the Helm values of "
              + spec.application()
              + " for "
              + environment
              + "; "
              + where);
    }
    List<String> why = new ArrayList<>();
    why.add(condition == null ? "required: no condition" : "required: '" + condition + "' holds");
    CopyRule copy = spec.copy();
    if (copy != null && copy.condition() != null) {
      boolean holds = copy.condition().test(values);
      why.add(
          "copy "
              + (holds ? "applies" : "skipped")
              + ": '"
              + copy.condition()
              + "' "
              + (holds ? "holds" : "is false"));
      if (!holds) {
        copy = null;
      }
    }
    GenerateRule generate = spec.generate();
    if (generate != null && generate.condition() != null) {
      boolean holds = generate.condition().test(values);
      why.add(
          "generate "
              + (holds ? "applies" : "skipped")
              + ": '"
              + generate.condition()
              + "' "
              + (holds ? "holds" : "is false"));
      if (!holds) {
        generate = null;
      }
    }
    if (copy != null && generate != null) {
      problems.add(
          new Problem(
              spec.location(),
              spec.application() + "/" + spec.key(),
              BOTH_APPLY + " in environment " + environment));
    }
    Secret secret;
    if (copy != null) {
      secret = new CopySecret(spec, copy);
    } else if (generate != null) {
      secret = new GeneratedSecret(spec, generate);
    } else if (spec.value() != null) {
      secret = new ValueSecret(spec);
    } else {
      secret = new StaticSecret(spec);
    }
    why.add(where);
    return new SecretDecision(spec, secret, String.join("; ", why));
  }

  private EnvironmentSettings settings(String environment, List<Problem> problems) {
    if (!environmentNames().contains(environment)) {
      throw new UnknownEnvironmentException(environment, environmentNames());
    }
    Path envFile = Path.of("environments", "values-" + environment + ".yaml");
    Map<String, Object> merged =
        Maps.asStringMap(
            Maps.deepMerge(
                mapping(Path.of("environments", "values.yaml"), problems),
                mapping(envFile, problems)));
    Location at = Location.of(display(envFile.toString()));
    java.util.SortedMap<String, Boolean> applications = new TreeMap<>();
    Object apps = merged.get("applications");
    if (apps instanceof Map<?, ?> map) {
      map.forEach(
          (name, enabled) -> {
            if (!(name instanceof String app)) {
              problems.add(
                  new Problem(
                      nonStringApplicationKey(environment, name),
                      "applications",
                      "application names must be strings, not "
                          + (name == null ? "null" : "a " + typeName(name))
                          + " (quote the name)"));
              return;
            }
            Boolean b = lenientBoolean(enabled);
            if (b == null) {
              problems.add(
                  new Problem(
                      applicationLocation(environment, app),
                      "applications." + app,
                      "must be true or false"));
            } else {
              applications.put(app, b);
            }
          });
    } else if (apps != null) {
      problems.add(new Problem(at, "applications", "must be a mapping of name to true/false"));
    }
    OnePasswordSettings onepassword = null;
    Object op = merged.get("onepassword");
    if (op instanceof Map<?, ?> opMap) {
      String url = text(opMap.get("connectUrl"), "onepassword.connectUrl", at, problems);
      String title = text(opMap.get("vaultTitle"), "onepassword.vaultTitle", at, problems);
      if (!url.isEmpty()) {
        onepassword = new OnePasswordSettings(url, title);
      }
    } else if (op != null) {
      problems.add(new Problem(at, "onepassword", "must be a mapping"));
    }
    return new EnvironmentSettings(
        environment,
        text(merged.get("fqdn"), "fqdn", at, problems),
        text(merged.get("vaultUrl"), "vaultUrl", at, problems),
        text(merged.get("vaultPathPrefix"), "vaultPathPrefix", at, problems),
        onepassword,
        applications,
        merged);
  }

  /**
   * Where an application is named under {@code applications:}: its line in values-ENV.yaml, else in
   * values.yaml, else just the environment file.
   */
  private Location applicationLocation(String environment, String app) {
    Path envFile = Path.of("environments", "values-" + environment + ".yaml");
    for (Path file : List.of(envFile, Path.of("environments", "values.yaml"))) {
      YamlDocument doc;
      try {
        doc = document(file);
      } catch (ConfigurationException e) {
        continue;
      }
      if (doc != null && doc.root() instanceof MappingNode root) {
        for (NodeTuple top : root.getValue()) {
          if (top.getKeyNode() instanceof ScalarNode key
              && key.getValue().equals("applications")
              && top.getValueNode() instanceof MappingNode apps) {
            for (NodeTuple entry : apps.getValue()) {
              if (entry.getKeyNode() instanceof ScalarNode name && name.getValue().equals(app)) {
                return doc.location(entry.getKeyNode());
              }
            }
          }
        }
      }
    }
    return Location.of(display(envFile.toString()));
  }

  /**
   * A boolean as pydantic reads one in lax mode: a boolean, 0 or 1 (also 0.0 and 1.0), or one of
   * the strings {@code 0 off f false n no 1 on t true y yes} in any case.
   *
   * @return the boolean, or null when the value is none of these
   */
  static @Nullable Boolean lenientBoolean(@Nullable Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof java.math.BigInteger) {
      long n = ((Number) value).longValue();
      boolean small = !(value instanceof java.math.BigInteger big) || big.bitLength() < 63;
      return small && (n == 0 || n == 1) ? n == 1 : null;
    }
    if (value instanceof Double d) {
      return d == 0.0 ? Boolean.FALSE : d == 1.0 ? Boolean.TRUE : null;
    }
    if (value instanceof String s) {
      return BOOLEAN_STRINGS.get(s.toLowerCase(java.util.Locale.ROOT));
    }
    return null;
  }

  private static String typeName(Object value) {
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Map<?, ?>) {
      return "mapping";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return "non-string value";
  }

  /** Where a non-string key is under {@code applications:}, with its line. */
  private Location nonStringApplicationKey(String environment, @Nullable Object name) {
    Path envFile = Path.of("environments", "values-" + environment + ".yaml");
    for (Path file : List.of(envFile, Path.of("environments", "values.yaml"))) {
      YamlDocument doc;
      try {
        doc = document(file);
      } catch (ConfigurationException e) {
        continue;
      }
      if (doc != null && doc.root() instanceof MappingNode root) {
        for (NodeTuple top : root.getValue()) {
          if (top.getKeyNode() instanceof ScalarNode key
              && key.getValue().equals("applications")
              && top.getValueNode() instanceof MappingNode apps) {
            for (NodeTuple entry : apps.getValue()) {
              if (!(entry.getKeyNode() instanceof ScalarNode k)
                  || !k.getTag().equals(org.yaml.snakeyaml.nodes.Tag.STR)) {
                Object constructed;
                try {
                  constructed =
                      new YamlDocument.ExposedConstructor(YamlDocument.loaderOptions())
                          .construct(entry.getKeyNode());
                } catch (RuntimeException e) {
                  constructed = null;
                }
                if (Objects.equals(constructed, name)) {
                  return doc.location(entry.getKeyNode());
                }
              }
            }
          }
        }
      }
    }
    return Location.of(display(envFile.toString()));
  }

  private static String text(
      @Nullable Object value, String field, Location at, List<Problem> problems) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    problems.add(new Problem(at, field, "must be a string"));
    return "";
  }

  /**
   * A Helm values file: a mapping whose top-level keys are strings (Phalanx validates them as
   * {@code dict[str, Any]}); deeper keys keep whatever YAML type they have.
   */
  private Map<?, ?> helmValues(Path relative, List<Problem> problems) {
    Map<?, ?> map = mapping(relative, problems);
    if (map.keySet().stream().allMatch(k -> k instanceof String)) {
      return map;
    }
    YamlDocument doc = document(relative);
    if (doc != null && doc.root() instanceof MappingNode root) {
      for (NodeTuple t : root.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)
            || !k.getTag().equals(org.yaml.snakeyaml.nodes.Tag.STR)) {
          if (!k(t).equals("<<")) {
            problems.add(
                new Problem(
                    doc.location(t.getKeyNode()),
                    null,
                    "top-level keys of Helm values must be strings (quote the key), as Phalanx"
                        + " requires"));
          }
        }
      }
    }
    Map<Object, Object> strings = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (key instanceof String) {
            strings.put(key, value);
          }
        });
    return strings;
  }

  private static String k(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
  }

  /** A YAML file that must hold a mapping; missing or empty files are empty mappings. */
  private Map<?, ?> mapping(Path relative, List<Problem> problems) {
    YamlDocument doc;
    try {
      doc = document(relative);
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
      return Map.of();
    }
    if (doc == null || doc.data() == null) {
      return Map.of();
    }
    if (doc.data() instanceof Map<?, ?> map) {
      return map;
    }
    problems.add(new Problem(Location.of(doc.display()), null, "file must hold a mapping"));
    return Map.of();
  }

  private Map<String, SecretSpec> specFile(Path relative, String app, List<Problem> problems) {
    SpecParser.Result result = specs.get(relative);
    if (result == null) {
      try {
        YamlDocument doc = document(relative);
        result =
            doc == null
                ? new SpecParser.Result(Map.of(), List.of())
                : SpecParser.parse(doc, app, generators);
      } catch (ConfigurationException e) {
        result = new SpecParser.Result(Map.of(), e.problems());
      }
      if (specs.putIfAbsent(relative, result) == null) {
        // Logged once per file, however many environments use it; never returned as well.
        result.warnings().forEach(LOG::warn);
      }
    }
    problems.addAll(result.problems());
    return new LinkedHashMap<>(result.specs());
  }

  private @Nullable YamlDocument document(Path relative) {
    Cached cached =
        documents.computeIfAbsent(
            relative,
            rel -> {
              try {
                YamlDocument doc = YamlDocument.read(root.resolve(rel), display(rel.toString()));
                if (doc != null) {
                  warnIfOutsideTree(rel);
                }
                return new Cached(doc, null);
              } catch (ConfigurationException e) {
                return new Cached(null, e);
              }
            });
    if (cached.error() != null) {
      throw cached.error();
    }
    return cached.document();
  }

  /**
   * Warns (once per file) when a file read through a symbolic link lies outside the configuration
   * tree: it is read, as Phalanx reads it, but a link that leaves the tree is often a mistake or a
   * checkout of something else.
   */
  private void warnIfOutsideTree(Path relative) {
    try {
      Path realRoot = root.toRealPath();
      Path real = root.resolve(relative).toRealPath();
      if (!real.startsWith(realRoot)) {
        LOG.warn(
            "{}: read through a symbolic link that leaves the configuration tree (it is {})",
            display(relative.toString()),
            real);
      }
    } catch (IOException e) {
      LOG.debug("cannot resolve {}", relative, e);
    }
  }

  private Path display(String first, String... more) {
    return root.resolve(Path.of(first, more));
  }

  private record Cached(@Nullable YamlDocument document, @Nullable ConfigurationException error) {}
}

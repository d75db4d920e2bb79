package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.RuleConflictException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnknownEnvironmentException;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.SecretDecision;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final Path root;
  private final GeneratorCatalog generators;
  private final ConfigFiles files;
  private final SettingsReader settingsReader;
  private final SecretSelector selector;
  private volatile @Nullable List<String> environmentNames;

  private PhalanxConfig(Path root, GeneratorCatalog generators, int prefetchThreads) {
    this.root = root;
    this.generators = generators;
    this.files = new ConfigFiles(root, generators, prefetchThreads);
    this.settingsReader = new SettingsReader(files);
    this.selector = new SecretSelector(generators);
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
    return open(root, generators, ConfigFiles.defaultPrefetchThreads());
  }

  /** As {@link #open(Path, GeneratorCatalog)}, parsing on {@code prefetchThreads} more threads. */
  static PhalanxConfig open(Path root, GeneratorCatalog generators, int prefetchThreads) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(generators, "generators");
    if (!isConfigRoot(root)) {
      throw new ConfigurationException(
          new Problem(
              Location.of(root),
              null,
              "not a Phalanx configuration tree: needs both applications/ and environments/"));
    }
    return new PhalanxConfig(root, generators, prefetchThreads);
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
    Runnable stopPrefetch =
        files.prefetch(applicationFiles(settings.enabledApplications(), environment));
    try {
      for (String app : settings.enabledApplications()) {
        Optional<String> badName = Names.checkApplication(app);
        if (badName.isPresent()) {
          problems.add(
              new Problem(
                  files.applicationLocation(environment, app), "applications", badName.get()));
          continue;
        }
        Path chart = Path.of("applications", app, "Chart.yaml");
        if (!Files.isRegularFile(root.resolve(chart))) {
          problems.add(
              new Problem(
                  files.applicationLocation(environment, app),
                  app,
                  "application is enabled but "
                      + files.display(chart.toString())
                      + " does not exist"));
          continue;
        }
        Map<Object, Object> values =
            Maps.deepMerge(
                files.helmValues(Path.of("applications", app, "values.yaml"), problems),
                files.helmValues(
                    Path.of("applications", app, "values-" + environment + ".yaml"), problems));
        helmValues.put(app, values);
        Map<String, SecretSpec> merged = new TreeMap<>(SecretRef.CODE_POINT_ORDER);
        merged.putAll(files.specFile(Path.of("applications", app, "secrets.yaml"), app, problems));
        merged.putAll(
            files.specFile(
                Path.of("applications", app, "secrets-" + environment + ".yaml"), app, problems));
        for (SecretSpec spec : merged.values()) {
          selector.checkDependencies(spec, merged, problems);
          decisions.add(selector.decide(spec, values, environment, problems));
        }
      }
    } finally {
      // No other environment reads these files: only the shared ones stay parsed.
      stopPrefetch.run();
      files.forget(ownFiles(settings.enabledApplications(), environment));
    }
    if (problems.stream().anyMatch(p -> p.message().startsWith(SecretSelector.BOTH_APPLY))) {
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

  private EnvironmentSettings settings(String environment, List<Problem> problems) {
    if (!environmentNames().contains(environment)) {
      throw new UnknownEnvironmentException(environment, environmentNames());
    }
    return settingsReader.read(environment, problems);
  }

  /** The files of an environment's applications that no other environment reads. */
  private static List<Path> ownFiles(List<String> apps, String environment) {
    String own = "-" + environment + ".yaml";
    return applicationFiles(apps, environment).stream()
        .filter(p -> p.getFileName().toString().endsWith(own))
        .toList();
  }

  /** The files {@link #environment} reads for each application, in the order it reads them. */
  private static List<Path> applicationFiles(List<String> apps, String environment) {
    List<Path> out = new ArrayList<>();
    for (String app : apps) {
      if (Names.checkApplication(app).isEmpty()) {
        out.add(Path.of("applications", app, "values.yaml"));
        out.add(Path.of("applications", app, "values-" + environment + ".yaml"));
        out.add(Path.of("applications", app, "secrets.yaml"));
        out.add(Path.of("applications", app, "secrets-" + environment + ".yaml"));
      }
    }
    return out;
  }
}

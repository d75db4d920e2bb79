package dev.phalanx.secrets.config;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The files of one configuration tree, each read and parsed at most once while it is needed
 * (thread-safe): YAML documents, Helm values, spec files, and the lines of entries in the
 * environment files. Once a Helm values file or a spec file has been turned into what its callers
 * use (the values and their problems, or the specs), its YAML document is dropped: the node tree
 * and the code points SnakeYAML's marks hold are several times the file's size, and a fleet of
 * environments would otherwise keep them for every shared file (BENCHMARKS.md, issue 13). An
 * environment's own application files ({@code values-ENV.yaml}, {@code secrets-ENV.yaml}) are read
 * by that environment alone, so {@link #forget} drops their values too once it is loaded; loading
 * the environment again parses them again. Parsed spec files are kept (their warnings are logged
 * once). One of the three jobs {@link PhalanxConfig} delegates (with {@link SettingsReader} and
 * {@link SecretSelector}).
 */
final class ConfigFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);

  private final Path root;
  private final GeneratorCatalog generators;
  private final ConcurrentMap<Path, Cached> documents = new ConcurrentHashMap<>();
  private final ConcurrentMap<Path, SpecParser.Result> specs = new ConcurrentHashMap<>();
  private final ConcurrentMap<Path, HelmValues> values = new ConcurrentHashMap<>();
  private final int prefetchThreads;
  private volatile @Nullable Path realRoot;

  /** Prefetch threads by default: one fewer than the processors, at most 3. */
  static int defaultPrefetchThreads() {
    return Math.min(3, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * Creates the files of a tree.
   *
   * @param prefetchThreads how many threads {@link #prefetch} parses on (0: none)
   */
  ConfigFiles(Path root, GeneratorCatalog generators, int prefetchThreads) {
    this.root = root;
    this.generators = generators;
    this.prefetchThreads = Math.max(0, prefetchThreads);
  }

  /**
   * Starts parsing files the caller is about to read one by one, on up to {@code prefetchThreads}
   * daemon threads that take them from the end of the list while the caller reads from its start,
   * so that on a multi-core machine an environment's hundred-odd YAML files are parsed in parallel
   * (BENCHMARKS.md, issue 13). What the caller gets is unchanged: each file is still parsed once,
   * into the same cache, and its errors are still reported where and in the order the caller reads
   * it; a file that does not exist is skipped.
   *
   * @param relatives the files, relative to the root, in the order the caller reads them
   * @return what stops the threads taking further files (before the caller {@link #forget}s any)
   */
  Runnable prefetch(List<Path> relatives) {
    if (prefetchThreads == 0 || relatives.size() < 2) {
      return () -> {};
    }
    AtomicInteger next = new AtomicInteger(relatives.size());
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable work =
        () -> {
          for (int i = next.decrementAndGet(); i >= 0; i = next.decrementAndGet()) {
            Path relative = relatives.get(i);
            if (stopped.get() || known(relative)) {
              return; // stopped, or the caller has got this far: the rest is read
            }
            try {
              document(relative);
              if (madeInto(relative)) {
                documents.remove(relative); // the caller got there meanwhile and slimmed it
              }
            } catch (ConfigurationException e) {
              // Cached: the caller reports it when it reads the file.
            } catch (RuntimeException | StackOverflowError e) {
              // Not cached (computeIfAbsent stores nothing when it throws): the caller parses the
              // file again and reports what it gets. A prefetch thread never prints.
              LOG.debug(
                  "prefetching {} failed ({}); it is read again",
                  relative,
                  e.getClass().getSimpleName());
            }
          }
        };
    for (int t = 0; t < prefetchThreads; t++) {
      Thread thread = new Thread(work, "phalanx-config-prefetch-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    return () -> stopped.set(true);
  }

  /**
   * Drops the parsed documents and Helm values of files no later read needs (an environment's own
   * files, once it is loaded). A file read after this is parsed again; parsed specs are kept.
   *
   * @param relatives the files, relative to the root
   */
  void forget(List<Path> relatives) {
    for (Path relative : relatives) {
      documents.remove(relative);
      values.remove(relative);
    }
  }

  /** Whether a file has been parsed (its document, or what was made of it, is cached). */
  private boolean known(Path relative) {
    return documents.containsKey(relative) || madeInto(relative);
  }

  /** Whether a file has been turned into Helm values or specs (its document is then dropped). */
  private boolean madeInto(Path relative) {
    return values.containsKey(relative) || specs.containsKey(relative);
  }

  /**
   * Where an application is named under {@code applications:}: its line in values-ENV.yaml, else in
   * values.yaml, else just the environment file.
   */
  Location applicationLocation(String environment, String app) {
    return applicationKey(
        environment, key -> key instanceof ScalarNode name && name.getValue().equals(app));
  }

  /** Where a non-string key is under {@code applications:}, with its line. */
  Location nonStringApplicationKey(String environment, @Nullable Object name) {
    return applicationKey(
        environment,
        key -> {
          if (key instanceof ScalarNode k && k.getTag().equals(Tag.STR)) {
            return false;
          }
          Object constructed;
          try {
            constructed =
                new YamlDocument.ExposedConstructor(YamlDocument.loaderOptions()).construct(key);
          } catch (RuntimeException e) {
            constructed = null;
          }
          return Objects.equals(constructed, name);
        });
  }

  /**
   * The first key under {@code applications:} that {@code matches}, in values-ENV.yaml, else in
   * values.yaml, with its line; else just the environment file.
   */
  private Location applicationKey(String environment, Predicate<Node> matches) {
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
              if (matches.test(entry.getKeyNode())) {
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
   * A Helm values file: a mapping whose top-level keys are strings (Phalanx validates them as
   * {@code dict[str, Any]}); deeper keys keep whatever YAML type they have.
   */
  Map<?, ?> helmValues(Path relative, List<Problem> problems) {
    HelmValues cached =
        values.computeIfAbsent(
            relative,
            rel -> {
              List<Problem> found = new ArrayList<>();
              return new HelmValues(parseHelmValues(rel, found), List.copyOf(found));
            });
    documents.remove(relative); // everything a caller needs is in the values now
    problems.addAll(cached.problems());
    return cached.map();
  }

  private Map<?, ?> parseHelmValues(Path relative, List<Problem> problems) {
    Map<?, ?> map = mapping(relative, problems);
    if (map.keySet().stream().allMatch(k -> k instanceof String)) {
      return map;
    }
    YamlDocument doc = document(relative);
    if (doc != null && doc.root() instanceof MappingNode root) {
      for (NodeTuple t : root.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k) || !k.getTag().equals(Tag.STR)) {
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
  Map<?, ?> mapping(Path relative, List<Problem> problems) {
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

  Map<String, SecretSpec> specFile(Path relative, String app, List<Problem> problems) {
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
      documents.remove(relative); // the specs are all a caller needs
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
      Path base = realRoot;
      if (base == null) {
        base = root.toRealPath();
        realRoot = base;
      }
      Path real = root.resolve(relative).toRealPath();
      if (!real.startsWith(base)) {
        LOG.warn(
            "{}: read through a symbolic link that leaves the configuration tree (it is {})",
            display(relative.toString()),
            real);
      }
    } catch (IOException e) {
      LOG.debug("cannot resolve {}", relative, e);
    }
  }

  Path display(String first, String... more) {
    return root.resolve(Path.of(first, more));
  }

  private record Cached(@Nullable YamlDocument document, @Nullable ConfigurationException error) {}

  /** A Helm values file as its callers use it: the values, and the problems found in the file. */
  private record HelmValues(Map<?, ?> map, List<Problem> problems) {}
}

package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A small Phalanx configuration tree on disk ({@code applications/<app>/Chart.yaml}, {@code
 * secrets.yaml}, {@code values.yaml}, {@code environments/values*.yaml}), written by a builder or
 * copied from a directory.
 *
 * <pre>{@code
 * // with: Path tempDir
 * PhalanxTree tree = PhalanxTree.builder()
 *     .environment("dev", "fqdn: dev.example.com\nvaultPathPrefix: secret/phalanx/dev\n")
 *     .application("gafaelfawr", """
 *         redis-password:
 *           description: Password for Redis.
 *           generate:
 *             type: password
 *         """)
 *     .writeTo(tempDir);
 * PhalanxConfig config = tree.open(Providers.load());
 * }</pre>
 *
 * <p>Every application added is enabled in {@code environments/values.yaml}.
 */
public final class PhalanxTree {

  private final Path root;

  private PhalanxTree(Path root) {
    this.root = root;
  }

  /**
   * A builder for a tree.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A copy of an existing tree.
   *
   * @param source the root of the tree to copy (containing {@code applications} and {@code
   *     environments})
   * @param target the directory to copy it into; created when missing
   * @return the copied tree
   * @throws UncheckedIOException when copying fails
   */
  public static PhalanxTree copyOf(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the tree " + source, e);
    }
    return new PhalanxTree(target);
  }

  /**
   * The root directory.
   *
   * @return the root
   */
  public Path root() {
    return root;
  }

  /**
   * Opens the tree with core's configuration reader.
   *
   * @param generators the generator types the specs may use, e.g. {@code Providers.load()}
   * @return the configuration
   */
  public PhalanxConfig open(GeneratorCatalog generators) {
    return PhalanxConfig.open(root, generators);
  }

  @Override
  public String toString() {
    return "PhalanxTree[" + root + "]";
  }

  /** Collects the files of a tree. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Boolean> applications = new TreeMap<>();
    private final List<String> environments = new ArrayList<>();
    private @Nullable String defaults;

    private Builder() {}

    /**
     * Adds an environment: {@code environments/values-<name>.yaml} with {@code name: <name>} and
     * the given settings.
     *
     * @param name the environment name
     * @param settingsYaml further YAML settings (e.g. {@code fqdn}, {@code vaultPathPrefix}); may
     *     be empty
     * @return this builder
     */
    public Builder environment(String name, String settingsYaml) {
      environments.add(name);
      files.put("environments/values-" + name + ".yaml", "name: \"" + name + "\"\n" + settingsYaml);
      return this;
    }

    /**
     * Sets extra content of {@code environments/values.yaml}, besides the generated {@code
     * applications} map.
     *
     * @param yaml YAML settings shared by every environment
     * @return this builder
     */
    public Builder defaults(String yaml) {
      this.defaults = yaml;
      return this;
    }

    /**
     * Adds an enabled application with a {@code Chart.yaml} and a {@code secrets.yaml}.
     *
     * @param name the application
     * @param secretsYaml the content of {@code secrets.yaml}
     * @return this builder
     */
    public Builder application(String name, String secretsYaml) {
      applications.put(name, true);
      files.put(
          "applications/" + name + "/Chart.yaml",
          "apiVersion: v2\nname: " + name + "\nversion: 1.0.0\n");
      files.put("applications/" + name + "/secrets.yaml", secretsYaml);
      return this;
    }

    /**
     * Adds a disabled application (present in the tree, mapped to false).
     *
     * @param name the application
     * @param secretsYaml the content of {@code secrets.yaml}
     * @return this builder
     */
    public Builder disabledApplication(String name, String secretsYaml) {
      application(name, secretsYaml);
      applications.put(name, false);
      return this;
    }

    /**
     * Adds any file, e.g. {@code applications/<app>/values.yaml} or {@code secrets-<env>.yaml}.
     *
     * @param relativePath the path under the root
     * @param content the content
     * @return this builder
     */
    public Builder file(String relativePath, String content) {
      files.put(relativePath, content);
      return this;
    }

    /**
     * Writes the tree.
     *
     * @param root the directory to write into; created when missing
     * @return the tree
     * @throws UncheckedIOException when writing fails
     */
    public PhalanxTree writeTo(Path root) {
      StringBuilder values = new StringBuilder();
      if (defaults != null) {
        values.append(defaults).append('\n');
      }
      values.append("applications:\n");
      applications.forEach(
          (app, on) -> values.append("  ").append(app).append(": ").append(on).append('\n'));
      if (applications.isEmpty()) {
        values.setLength(values.length() - 1);
        values.append(" {}\n");
      }
      Map<String, String> all = new LinkedHashMap<>();
      all.put("environments/values.yaml", values.toString());
      all.putAll(files);
      try {
        for (Map.Entry<String, String> e : all.entrySet()) {
          Path file = root.resolve(e.getKey());
          Files.createDirectories(file.getParent());
          Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the tree under " + root, e);
      }
      return new PhalanxTree(root);
    }
  }
}

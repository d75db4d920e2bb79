package dev.phalanx.secrets.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension giving every test a fresh in-memory environment: an empty {@link
 * InMemorySecretStore}, an {@link InMemorySecretSource} and a {@link PhalanxTree} in a temporary
 * directory. Test methods (and constructors, {@code @BeforeEach} methods) receive them as
 * parameters. The store and source are also registered as {@code memory:<name>} for code that takes
 * backend URIs (e.g. the CLI's {@code --store} and {@code --source}); see {@link #storeUri()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * final InMemoryEnvironmentExtension env = InMemoryEnvironmentExtension.builder()
 *     .tree(t -> t.environment("dev", "fqdn: dev.example.com\n")
 *                 .application("mobu", "token:\n  description: A token.\n  generate:\n    type: password\n"))
 *     .source(s -> s.value("mobu", "webhook", "https://hooks.invalid/x"))
 *     .build();
 *
 * @Test
 * void syncs(InMemorySecretStore store, InMemorySecretSource source, PhalanxTree tree) {
 *   // sync tree's environment "dev" from source into store, then assert on store
 * }
 * }</pre>
 *
 * <p>Register it as an instance field (one environment per test). Without a tree configurer the
 * tree is empty but valid; {@link Builder#copyTree(Path)} copies an existing tree instead.
 */
public final class InMemoryEnvironmentExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final Consumer<PhalanxTree.Builder> treeConfig;
  private final @Nullable Path treeSource;
  private final Consumer<InMemorySecretSource.Builder> sourceConfig;
  private final Consumer<InMemorySecretStore.Builder> storeConfig;
  private @Nullable Environment current;

  private InMemoryEnvironmentExtension(Builder b) {
    this.treeConfig = b.treeConfig;
    this.treeSource = b.treeSource;
    this.sourceConfig = b.sourceConfig;
    this.storeConfig = b.storeConfig;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The objects of one test. */
  private record Environment(
      String name,
      Path dir,
      InMemorySecretStore store,
      InMemorySecretSource source,
      PhalanxTree tree) {}

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Path dir = Files.createTempDirectory("phalanx-env-");
    PhalanxTree tree;
    if (treeSource != null) {
      tree = PhalanxTree.copyOf(treeSource, dir.resolve("phalanx"));
    } else {
      PhalanxTree.Builder tb = PhalanxTree.builder();
      treeConfig.accept(tb);
      tree = tb.writeTo(dir.resolve("phalanx"));
    }
    InMemorySecretStore.Builder stb = InMemorySecretStore.builder();
    storeConfig.accept(stb);
    InMemorySecretSource.Builder sb = InMemorySecretSource.builder();
    sourceConfig.accept(sb);
    String name = "env-" + UUID.randomUUID();
    Environment env = new Environment(name, dir, stb.build(), sb.build(), tree);
    MemoryProviders.register(name, env.store());
    MemoryProviders.register(name, env.source());
    current = env;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    Environment env = current;
    current = null;
    if (env == null) {
      return;
    }
    MemoryProviders.unregister(env.name());
    try (Stream<Path> files = Files.walk(env.dir())) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Environment env() {
    Environment env = current;
    if (env == null) {
      throw new IllegalStateException(
          "no environment: register InMemoryEnvironmentExtension on an instance field");
    }
    return env;
  }

  /**
   * The current test's store.
   *
   * @return the store
   */
  public InMemorySecretStore store() {
    return env().store();
  }

  /**
   * The current test's static source.
   *
   * @return the source
   */
  public InMemorySecretSource source() {
    return env().source();
  }

  /**
   * The current test's configuration tree.
   *
   * @return the tree
   */
  public PhalanxTree tree() {
    return env().tree();
  }

  /**
   * The URI under which the store is reachable through {@link MemoryProviders}, e.g. for {@code
   * --store}.
   *
   * @return {@code memory:<name>}
   */
  public String storeUri() {
    return "memory:" + env().name();
  }

  /**
   * The URI under which the source is reachable through {@link MemoryProviders}.
   *
   * @return {@code memory:<name>}
   */
  public String sourceUri() {
    return "memory:" + env().name();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InMemorySecretStore.class
        || type == InMemorySecretSource.class
        || type == PhalanxTree.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (current == null) {
      throw new ParameterResolutionException(
          "the in-memory environment exists only during a test (not in constructors of "
              + "PER_CLASS instances or @BeforeAll)");
    }
    if (type == InMemorySecretStore.class) {
      return store();
    }
    if (type == InMemorySecretSource.class) {
      return source();
    }
    return tree();
  }

  /** Configures an {@link InMemoryEnvironmentExtension}. */
  public static final class Builder {
    private Consumer<PhalanxTree.Builder> treeConfig = t -> {};
    private @Nullable Path treeSource;
    private Consumer<InMemorySecretSource.Builder> sourceConfig = s -> {};
    private Consumer<InMemorySecretStore.Builder> storeConfig = s -> {};

    private Builder() {}

    /**
     * Describes the tree written for every test.
     *
     * @param config adds environments, applications and files
     * @return this builder
     */
    public Builder tree(Consumer<PhalanxTree.Builder> config) {
      this.treeConfig = config;
      this.treeSource = null;
      return this;
    }

    /**
     * Copies an existing tree for every test instead of building one.
     *
     * @param source the root of the tree
     * @return this builder
     */
    public Builder copyTree(Path source) {
      this.treeSource = source;
      return this;
    }

    /**
     * Fills the static source of every test.
     *
     * @param config adds values, OIDC clients, registries, the Vault token
     * @return this builder
     */
    public Builder source(Consumer<InMemorySecretSource.Builder> config) {
      this.sourceConfig = config;
      return this;
    }

    /**
     * Pre-fills the store of every test (empty by default).
     *
     * @param config adds applications or makes the store read-only
     * @return this builder
     */
    public Builder store(Consumer<InMemorySecretStore.Builder> config) {
      this.storeConfig = config;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     */
    public InMemoryEnvironmentExtension build() {
      return new InMemoryEnvironmentExtension(this);
    }
  }
}

package dev.phalanx.secrets.providers;

import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every store, source and generator provider available to a program: the one place where discovery
 * through {@link java.util.ServiceLoader} happens.
 *
 * <pre>{@code
 * Providers providers = Providers.load();
 * SecretStore store = providers.stores().get("file").create(StoreConfig.of("secrets.json"));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Providers implements GeneratorCatalog {

  private final ProviderRegistry<SecretStoreProvider> stores;
  private final ProviderRegistry<SecretSourceProvider> sources;
  private final ProviderRegistry<SecretGeneratorProvider> generators;
  private final Map<String, SecretGenerator> generatorCache = new ConcurrentHashMap<>();

  private Providers(Builder b) {
    this.stores =
        ProviderRegistry.load(
            "SecretStore",
            SecretStoreProvider.class,
            SecretStoreProvider::type,
            b.stores,
            b.classLoader,
            b.discover);
    this.sources =
        ProviderRegistry.load(
            "SecretSource",
            SecretSourceProvider.class,
            SecretSourceProvider::type,
            b.sources,
            b.classLoader,
            b.discover);
    this.generators =
        ProviderRegistry.load(
            "SecretGenerator",
            SecretGeneratorProvider.class,
            SecretGeneratorProvider::type,
            b.generators,
            b.classLoader,
            b.discover);
  }

  /**
   * Discovers every provider on the thread context class loader (or this class's loader).
   *
   * @return the providers
   */
  public static Providers load() {
    return builder().build();
  }

  /**
   * A builder, for explicit registrations or another class loader.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Store providers.
   *
   * @return the registry
   */
  public ProviderRegistry<SecretStoreProvider> stores() {
    return stores;
  }

  /**
   * Source providers.
   *
   * @return the registry
   */
  public ProviderRegistry<SecretSourceProvider> sources() {
    return sources;
  }

  /**
   * Generator providers.
   *
   * @return the registry
   */
  public ProviderRegistry<SecretGeneratorProvider> generators() {
    return generators;
  }

  /**
   * The generator for a type, created once and cached.
   *
   * @param type the type name
   * @return the generator, empty when no provider has that type
   */
  @Override
  public Optional<SecretGenerator> find(String type) {
    SecretGenerator cached = generatorCache.get(type);
    if (cached != null) {
      return Optional.of(cached);
    }
    return generators
        .find(type)
        .map(p -> generatorCache.computeIfAbsent(type, t -> Objects.requireNonNull(p.create())));
  }

  /**
   * The generator types available (not store or source types: {@code stores().types()} and {@code
   * sources().types()} give those).
   *
   * @return sorted generator type names, e.g. {@code [bcrypt-password-hash, password, ...]}
   */
  @Override
  public SortedSet<String> types() {
    return generators.types();
  }

  /**
   * Every discovery problem of all three kinds.
   *
   * @return messages, empty when discovery was clean
   */
  public List<String> diagnostics() {
    List<String> all = new ArrayList<>(stores.diagnostics());
    all.addAll(sources.diagnostics());
    all.addAll(generators.diagnostics());
    return List.copyOf(all);
  }

  /** Builds {@link Providers}. */
  public static final class Builder {
    private final List<SecretStoreProvider> stores = new ArrayList<>();
    private final List<SecretSourceProvider> sources = new ArrayList<>();
    private final List<SecretGeneratorProvider> generators = new ArrayList<>();
    private ClassLoader classLoader = defaultClassLoader();
    private boolean discover = true;

    private Builder() {}

    private static ClassLoader defaultClassLoader() {
      ClassLoader tccl = Thread.currentThread().getContextClassLoader();
      return tccl != null ? tccl : Providers.class.getClassLoader();
    }

    /**
     * Registers a store provider that wins over any discovered one with the same type.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder store(SecretStoreProvider provider) {
      stores.add(Objects.requireNonNull(provider));
      return this;
    }

    /**
     * Registers a source provider that wins over any discovered one with the same type.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder source(SecretSourceProvider provider) {
      sources.add(Objects.requireNonNull(provider));
      return this;
    }

    /**
     * Registers a generator provider that wins over any discovered one with the same type.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder generator(SecretGeneratorProvider provider) {
      generators.add(Objects.requireNonNull(provider));
      return this;
    }

    /**
     * The class loader to discover providers with.
     *
     * @param classLoader the loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader);
      return this;
    }

    /**
     * Whether to use ServiceLoader at all; off means only explicit registrations count.
     *
     * @param discover true (the default) to discover
     * @return this builder
     */
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /**
     * Discovers and builds.
     *
     * @return the providers
     */
    public Providers build() {
      return new Providers(this);
    }
  }
}

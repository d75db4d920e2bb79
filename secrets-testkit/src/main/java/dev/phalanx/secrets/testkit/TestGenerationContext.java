package dev.phalanx.secrets.testkit;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.spi.GenerationContext;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GenerationContext} for tests, built with {@link #builder()}: a fixed clock, an
 * injectable (optionally seeded) random source, and whatever source, options, dependencies and OIDC
 * clients a test needs. Used by {@link
 * dev.phalanx.secrets.testkit.contract.SecretGeneratorContract}; third parties can use it to test
 * their own generators.
 *
 * <pre>{@code
 * // with: SecretGenerator generator
 * SecretValue value = generator.generate(
 *     TestGenerationContext.builder().random(TestGenerationContext.seeded(42)).option("length", 32).build());
 * }</pre>
 */
public final class TestGenerationContext implements GenerationContext {

  /** A fixed instant tests use as "now": 2026-03-14T15:09:26Z. */
  public static final Instant NOW = Instant.parse("2026-03-14T15:09:26.535Z");

  private final SecretRef target;
  private final SecureRandom random;
  private final Clock clock;
  private final @Nullable SecretValue source;
  private final RuleOptions options;
  private final Map<String, SecretValue> dependencies;
  private final List<OidcClient> oidcClients;

  private TestGenerationContext(Builder b) {
    this.target = b.target;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.clock = b.clock;
    this.source = b.source;
    this.options = RuleOptions.of(b.options);
    this.dependencies = Map.copyOf(b.dependencies);
    this.oidcClients = List.copyOf(b.oidcClients);
  }

  /**
   * A new builder: target {@code app/key}, a fresh {@link SecureRandom}, clock fixed at {@link
   * #NOW}, no source, options, dependencies or clients.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A deterministic random stream: SHA1PRNG seeded before first use.
   *
   * @param seed the seed
   * @return the random source
   */
  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public SecretRef target() {
    return target;
  }

  @Override
  public SecureRandom random() {
    return random;
  }

  @Override
  public Clock clock() {
    return clock;
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
      throw new IllegalArgumentException("not a declared dependency: " + key);
    }
    return value;
  }

  @Override
  public List<OidcClient> oidcClients() {
    return oidcClients;
  }

  /** Builds {@link TestGenerationContext}. */
  public static final class Builder {
    private SecretRef target = SecretRef.of("app", "key");
    private @Nullable SecureRandom random;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private @Nullable SecretValue source;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final Map<String, SecretValue> dependencies = new LinkedHashMap<>();
    private List<OidcClient> oidcClients = List.of();

    private Builder() {}

    /**
     * Sets the target.
     *
     * @param application the application
     * @param key the key
     * @return this builder
     */
    public Builder target(String application, String key) {
      this.target = SecretRef.of(application, key);
      return this;
    }

    /**
     * Sets the random source.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * Fixes the clock at an instant.
     *
     * @param now the instant
     * @return this builder
     */
    public Builder now(Instant now) {
      this.clock = Clock.fixed(now, ZoneOffset.UTC);
      return this;
    }

    /**
     * Sets the source value; null removes it.
     *
     * @param source the value, or null for a rule without {@code source}
     * @return this builder
     */
    public Builder source(@Nullable SecretValue source) {
      this.source = source;
      return this;
    }

    /**
     * Sets the source value from text.
     *
     * @param source the text
     * @return this builder
     */
    public Builder source(String source) {
      return source(SecretValue.of(source));
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets several options, as the YAML parser would give them.
     *
     * @param values option name to value (strings, numbers, booleans, lists, nested maps)
     * @return this builder
     */
    public Builder options(Map<String, ?> values) {
      options.putAll(values);
      return this;
    }

    /**
     * Sets an option, as the YAML parser would give it.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder option(String name, Object value) {
      options.put(name, value);
      return this;
    }

    /**
     * Adds a dependency.
     *
     * @param key the secret key
     * @param value the value
     * @return this builder
     */
    public Builder dependency(String key, SecretValue value) {
      dependencies.put(key, value);
      return this;
    }

    /**
     * Sets the OIDC clients.
     *
     * @param clients the clients
     * @return this builder
     */
    public Builder oidcClients(List<OidcClient> clients) {
      this.oidcClients = clients;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public TestGenerationContext build() {
      return new TestGenerationContext(this);
    }
  }
}

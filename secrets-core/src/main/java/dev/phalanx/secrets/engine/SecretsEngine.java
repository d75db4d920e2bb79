package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.spi.StoredApplication;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an environment's secrets and keeps a store in line with them: {@link #audit}, {@link
 * #plan} and {@link #sync} (DESIGN §4 and §8).
 *
 * <pre>{@code
 * // with: PhalanxEnvironment environment, StaticSecrets staticSecrets, SecretStore store
 * SecretsEngine engine = SecretsEngine.builder().generators(Providers.load()).build();
 * SyncResult result = engine.sync(environment, staticSecrets, store, SyncOptions.defaults());
 * }</pre>
 *
 * <p>The static secrets argument is null when no static source was given: then static values
 * already in the store are trusted and a pull secret in the store is left alone. Thread-safe when
 * its random source is (a {@link SecureRandom} is).
 */
public final class SecretsEngine {

  /** Plan-and-apply rounds before a sync that keeps meeting concurrent changes gives up. */
  static final int MAX_ROUNDS = 5;

  private final GeneratorCatalog generators;
  private final Resolver resolver;
  private final Snapshots snapshots;
  private final int writeConcurrency;

  private SecretsEngine(Builder builder) {
    this.writeConcurrency = builder.writeConcurrency;
    this.generators = Objects.requireNonNull(builder.generators, "generators");
    SecureRandom random = builder.random != null ? builder.random : new SecureRandom();
    this.resolver = new Resolver(generators, random, builder.clock, builder.memo);
    this.snapshots = new Snapshots(resolver);
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What to ask a static source for: the environment's static secrets, and whether it needs OIDC
   * clients (a required generated secret's generator declares {@link StaticInput#OIDC_CLIENTS} in
   * {@link SecretGenerator#staticInputs()}).
   *
   * @param env the environment
   * @param generators the generators of the environment's generated secrets
   * @return the request
   */
  public static StaticSecretsRequest staticSecretsRequest(
      PhalanxEnvironment env, GeneratorCatalog generators) {
    return StaticRequests.of(env, generators);
  }

  /**
   * Reads what the store holds for an environment: every listed application, every application with
   * required secrets, and the pull secret.
   *
   * @param env the environment
   * @param store the store
   * @return application to stored content (absent applications are left out)
   */
  public Map<String, StoredApplication> read(PhalanxEnvironment env, SecretStore store) {
    return Snapshots.read(env, store);
  }

  /**
   * Resolves every required secret against what the store holds now.
   *
   * @param env the environment
   * @param statics what the static source gave, or null when there is no static source
   * @param stored the store's content, from {@link #read}
   * @param options regeneration options
   * @return the resolution, possibly with unresolved secrets
   */
  public Resolution resolve(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      Map<String, StoredApplication> stored,
      SyncOptions options) {
    Regeneration.check(env, options);
    return resolver.resolve(env, statics, stored, options);
  }

  /**
   * Where a required secret's value comes from, in words, derived from the same rule the resolver
   * applies (for {@code explain} without a store; with one, resolve and use {@link
   * ResolvedSecret#reason()}).
   *
   * @param env the environment
   * @param ref a required secret
   * @return the text, e.g. "a copy of mobu/app-alert-webhook"
   * @throws IllegalArgumentException when the secret is not required in the environment
   */
  public String valueFrom(PhalanxEnvironment env, SecretRef ref) {
    Secret secret = env.secretsByRef().get(ref);
    if (secret == null) {
      throw new IllegalArgumentException(ref + " is not required in environment " + env.name());
    }
    ValueRule rule =
        secret instanceof GeneratedSecret g
            ? ValueRule.of(g, resolver.generator(g))
            : ValueRule.of(secret);
    return Reasons.valueFrom(secret, rule);
  }

  /**
   * Compares the store with what the environment requires. Never writes. Secrets that cannot be
   * resolved are reported as missing (when absent) and in {@link AuditReport#problems()}.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store
   * @param options exclusions
   * @return the report
   */
  public AuditReport audit(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options) {
    return AuditReport.of(snapshots.compare(env, statics, store, options, true));
  }

  /**
   * The operations a sync would perform now. Never writes.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store
   * @param options exclusions, deletion, regeneration
   * @return the plan
   * @throws UnresolvedSecretsException when required secrets cannot be resolved (all listed)
   */
  public SyncPlan plan(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options) {
    return Snapshots.plan(snapshots.compare(env, statics, store, options, false));
  }

  /**
   * Makes the store match the environment: plans, then applies the plan with one write per changed
   * application. A conditional write refused because of a concurrent change makes it re-read,
   * re-resolve and re-plan, a bounded number of times. A second sync with unchanged inputs writes
   * nothing.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store; must be writable
   * @param options exclusions, deletion, regeneration
   * @param listener progress callbacks
   * @return what was done
   * @throws UnresolvedSecretsException before writing anything, when secrets cannot be resolved
   * @throws SyncFailedException when a write fails part-way, naming what was and was not written
   */
  public SyncResult sync(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options,
      SyncListener listener) {
    if (!store.capabilities().writable()) {
      throw new StoreException("store " + store.describe() + " is read-only; cannot sync");
    }
    Regeneration.check(env, options);
    return new SyncRounds(resolver, writeConcurrency).run(env, statics, store, options, listener);
  }

  /**
   * Applies a plan computed by {@link #plan} without re-planning on conflicts.
   *
   * @param store the store the plan was made for
   * @param plan the plan
   * @return the operations applied
   * @throws StoreException when the store is read-only and the plan is not empty
   * @throws SyncFailedException when an operation fails (a refused conditional write included)
   */
  public List<PlannedOperation> apply(SecretStore store, SyncPlan plan) {
    if (!plan.isEmpty() && !store.capabilities().writable()) {
      throw new StoreException("store " + store.describe() + " is read-only; cannot apply a plan");
    }
    Applier.Outcome outcome =
        Applier.apply(store, plan, SyncListener.NONE, false, writeConcurrency);
    if (outcome.failure() != null) {
      throw outcome.exception(
          outcome.written().stream().map(PlannedOperation::application).toList());
    }
    return outcome.written();
  }

  /** Builds a {@link SecretsEngine}. */
  public static final class Builder {
    private @Nullable GeneratorCatalog generators;
    private @Nullable SecureRandom random;
    private Clock clock = Clock.systemUTC();
    private int writeConcurrency = 1;
    private VerificationMemo memo = VerificationMemo.inMemory();

    private Builder() {}

    /**
     * Where successful slow verifications (a bcrypt hash against its source) are remembered so an
     * unchanged pair is not verified again (default: {@link VerificationMemo#inMemory()}, this
     * engine's lifetime). {@link VerificationMemo#file} keeps them between runs; {@link
     * VerificationMemo#none()} verifies every time.
     *
     * @param memo the memo
     * @return this builder
     */
    public Builder verificationMemo(VerificationMemo memo) {
      this.memo = Objects.requireNonNull(memo);
      return this;
    }

    /**
     * How many writes a sync may have in flight at once (default 1: strictly in plan order). Writes
     * run concurrently only within a copy-dependency layer: an application whose secrets others
     * copy is stored before its copies are written. The store must then be thread-safe. What was
     * written, not written and unknown stays exact: a layer that fails is finished, then reported.
     *
     * @param writes at least 1, e.g. 16
     * @return this builder
     */
    public Builder writeConcurrency(int writes) {
      if (writes < 1) {
        throw new IllegalArgumentException("write concurrency must be at least 1");
      }
      this.writeConcurrency = writes;
      return this;
    }

    /**
     * The generators to use (usually {@code Providers.load()}). Required.
     *
     * @param generators the catalog
     * @return this builder
     */
    public Builder generators(GeneratorCatalog generators) {
      this.generators = generators;
      return this;
    }

    /**
     * The one random source every generator uses (default: a new {@link SecureRandom}).
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * The clock generators use (default: system UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine
     */
    public SecretsEngine build() {
      return new SecretsEngine(this);
    }
  }

  // --- Convenience overloads (issue 14 §6) ---------------------------------------------------

  /**
   * {@link #audit(PhalanxEnvironment, StaticSecrets, SecretStore, SyncOptions)} with {@link
   * SyncOptions#defaults()}.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store
   * @return the report
   */
  public AuditReport audit(
      PhalanxEnvironment env, @Nullable StaticSecrets statics, SecretStore store) {
    return audit(env, statics, store, SyncOptions.defaults());
  }

  /**
   * {@link #plan(PhalanxEnvironment, StaticSecrets, SecretStore, SyncOptions)} with {@link
   * SyncOptions#defaults()}.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store
   * @return the plan
   * @throws UnresolvedSecretsException when required secrets cannot be resolved (all listed)
   */
  public SyncPlan plan(PhalanxEnvironment env, @Nullable StaticSecrets statics, SecretStore store) {
    return plan(env, statics, store, SyncOptions.defaults());
  }

  /**
   * {@link #sync(PhalanxEnvironment, StaticSecrets, SecretStore, SyncOptions, SyncListener)}
   * without a listener.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store; must be writable
   * @param options exclusions, deletion, regeneration
   * @return what was done
   * @throws UnresolvedSecretsException before writing anything, when secrets cannot be resolved
   * @throws SyncFailedException when a write fails part-way, naming what was and was not written
   */
  public SyncResult sync(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options) {
    return sync(env, statics, store, options, SyncListener.NONE);
  }

  /**
   * {@link #sync(PhalanxEnvironment, StaticSecrets, SecretStore, SyncOptions, SyncListener)} with
   * {@link SyncOptions#defaults()} and without a listener.
   *
   * @param env the environment
   * @param statics the static secrets, or null when there is no static source
   * @param store the store; must be writable
   * @return what was done
   * @throws UnresolvedSecretsException before writing anything, when secrets cannot be resolved
   * @throws SyncFailedException when a write fails part-way, naming what was and was not written
   */
  public SyncResult sync(
      PhalanxEnvironment env, @Nullable StaticSecrets statics, SecretStore store) {
    return sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
  }
}

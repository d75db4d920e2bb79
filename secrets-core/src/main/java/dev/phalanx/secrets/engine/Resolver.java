package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Gives every required secret a value, in dependency order (DESIGN §4). Collects every secret that
 * cannot be resolved instead of stopping at the first. The order is {@link DependencyOrder}'s, slow
 * checks are started ahead by {@link VerificationsAhead}, and values derived from static input (the
 * pull secret, OIDC clients) are {@link DerivedValues}'.
 */
final class Resolver {

  private final GeneratorCatalog generators;
  private final SecureRandom random;
  private final Clock clock;
  private final VerificationMemo memo;

  Resolver(GeneratorCatalog generators, SecureRandom random, Clock clock, VerificationMemo memo) {
    this.generators = generators;
    this.random = random;
    this.clock = clock;
    this.memo = memo;
  }

  Resolution resolve(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      Map<String, StoredApplication> stored,
      SyncOptions options) {
    return resolve(env, statics, stored, options, SyncListener.NONE);
  }

  Resolution resolve(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      Map<String, StoredApplication> stored,
      SyncOptions options,
      SyncListener listener) {
    return resolve(env, statics, stored, options, listener, false);
  }

  /**
   * Resolves; with {@code compareOnly} (an audit, whose report holds no values) a fresh generated
   * value that no other secret copies or is generated from is not computed when the comparison's
   * outcome cannot depend on it: the secret is missing, regenerated or refreshed, or a slow
   * (random) generator's value replaces a stale one. It is a placeholder that equals no stored
   * value. (A fleet audit spent 94 % of its CPU on bcrypt hashes and RSA keys it then dropped.)
   */
  Resolution resolve(
      PhalanxEnvironment env,
      @Nullable StaticSecrets statics,
      Map<String, StoredApplication> stored,
      SyncOptions options,
      SyncListener listener,
      boolean compareOnly) {
    Run run =
        new Run(
            env,
            statics == null ? StaticSecrets.empty() : statics,
            statics != null,
            stored,
            options,
            new Verifier(memo, listener),
            listener,
            compareOnly);
    try {
      new VerificationsAhead(generators, random, clock)
          .start(run.required, run.statics, stored, options, run.verifier);
      run.order.resolveInOrder(
          env, run.resolved.keySet(), run.unresolved.keySet(), run::resolveOne, run::fail);
    } finally {
      run.verifier.close();
    }
    boolean managed = statics != null;
    if (managed) {
      run.derived.resolvePullSecret(statics, run);
    }
    return new Resolution(run.resolved, run.unresolved, managed, run.warnings);
  }

  SecretGenerator generator(GeneratedSecret secret) {
    return generator(generators, secret);
  }

  /** The generator of a generated secret's type, or an error naming the secret. */
  static SecretGenerator generator(GeneratorCatalog generators, GeneratedSecret secret) {
    return generators
        .find(secret.type())
        .orElseThrow(
            () ->
                new PhalanxSecretsException(
                    "no generator for type '" + secret.type() + "' (" + secret.ref() + ")"));
  }

  static Optional<SecretValue> current(Map<String, StoredApplication> stored, SecretRef ref) {
    StoredApplication app = stored.get(ref.application());
    if (app == null || !app.isPresent()) {
      return Optional.empty();
    }
    return Optional.ofNullable(app.data().get(ref.key()));
  }

  /** The state of one resolution. */
  private final class Run implements DerivedValues.Outcomes {
    private final StaticSecrets statics;
    private final Map<String, StoredApplication> stored;
    private final SyncOptions options;
    private final Map<SecretRef, Secret> required;
    private final DependencyOrder order;
    private final DerivedValues derived;
    private final Map<SecretRef, ResolvedSecret> resolved = new TreeMap<>();
    private final Map<SecretRef, Problem> unresolved = new TreeMap<>();
    private final Verifier verifier;
    private final SyncListener listener;
    private final List<String> warnings = new ArrayList<>();
    private final @Nullable Set<SecretRef> dependedOn;

    Run(
        PhalanxEnvironment env,
        StaticSecrets statics,
        boolean hasSource,
        Map<String, StoredApplication> stored,
        SyncOptions options,
        Verifier verifier,
        SyncListener listener,
        boolean compareOnly) {
      this.statics = statics;
      this.stored = stored;
      this.options = options;
      this.required = env.secretsByRef();
      this.order = new DependencyOrder(generators, required);
      this.derived = new DerivedValues(statics, hasSource, stored, options);
      this.verifier = verifier;
      this.listener = listener;
      this.dependedOn = compareOnly ? order.dependedOn() : null;
    }

    /** Whether a value is made in this run rather than kept, given or derived. */
    private static boolean isNewValue(Origin origin) {
      return origin == Origin.GENERATED || origin == Origin.REGENERATED || origin == Origin.STALE;
    }

    private void resolveOne(Secret secret) {
      SecretRef ref = secret.ref();
      ValueRule rule =
          secret instanceof GeneratedSecret g
              ? ValueRule.of(g, generator(g))
              : ValueRule.of(secret);
      switch (rule) {
        case LITERAL ->
            put(
                ref,
                SecretValue.of(((ValueSecret) secret).value()),
                Provenance.literal(secret.spec().location()));
        case COPY -> {
          SecretRef from = ((CopySecret) secret).from();
          ResolvedSecret source = resolved.get(from);
          if (options.excluded(from.application()) && isNewValue(source.origin())) {
            // The excluded source is never written, so its new value would be made anew on every
            // run and the copy would never converge.
            fail(
                secret,
                "copies "
                    + from
                    + ", whose application is excluded: "
                    + from
                    + " would get a new value that is never stored, so the copy would change on"
                    + " every run (sync "
                    + from.application()
                    + " first, or stop excluding it)");
          } else {
            put(ref, source.value(), Provenance.copy(from));
          }
        }
        case STATIC -> resolveStatic(secret);
        case GENERATED -> resolveGenerated((GeneratedSecret) secret);
        case DERIVED -> {
          GeneratedSecret generated = (GeneratedSecret) secret;
          SecretGenerator generator = generator(generated);
          derived.resolveDerived(generated, generator, () -> context(generated, generator), this);
        }
      }
    }

    private void resolveStatic(Secret secret) {
      SecretRef ref = secret.ref();
      Optional<SecretValue> fromSource = statics.value(ref);
      if (fromSource.isPresent()) {
        put(ref, fromSource.get(), Provenance.of(Origin.STATIC_SOURCE));
        return;
      }
      Optional<SecretValue> fromStore = current(stored, ref);
      if (fromStore.isPresent()) {
        put(ref, fromStore.get(), Provenance.of(Origin.KEPT_STATIC));
        return;
      }
      fail(secret, "static secret has no value in the static source or the store");
    }

    private void resolveGenerated(GeneratedSecret secret) {
      SecretRef ref = secret.ref();
      SecretGenerator generator = generator(secret);
      GenerationContext context = context(secret, generator);
      Optional<SecretValue> existing = current(stored, ref);
      try {
        // A missing, regenerated or refreshed secret differs from the store whatever its value; a
        // slow (random) generator's fresh value never equals the stale one it replaces.
        if (options.regenerates(ref)) {
          put(ref, fresh(generator, context, true), Provenance.of(Origin.REGENERATED));
          return;
        }
        if (existing.isEmpty()) {
          put(ref, fresh(generator, context, true), Provenance.of(Origin.GENERATED));
          return;
        }
        Optional<SecretRef> refreshedWith = refreshedSibling(secret, generator);
        if (refreshedWith.isPresent()) {
          put(ref, fresh(generator, context, true), Provenance.refreshedWith(refreshedWith.get()));
          return;
        }
        Staleness staleness = checkStale(generator, existing.get(), context);
        if (staleness.stale()) {
          put(
              ref,
              fresh(generator, context, generator.slow()),
              Provenance.staleCause(String.valueOf(staleness.reason())));
        } else {
          put(ref, existing.get(), Provenance.of(Origin.KEPT_GENERATED));
        }
      } catch (PhalanxSecretsException e) {
        fail(secret, "cannot generate: " + e.getMessage());
      }
    }

    /**
     * A fresh value; in a compare-only run, a placeholder when the comparison cannot depend on it
     * ({@code differsAnyway}) and no other secret reads it.
     */
    private SecretValue fresh(
        SecretGenerator generator, GenerationContext context, boolean differsAnyway) {
      if (differsAnyway && dependedOn != null && !dependedOn.contains(context.target())) {
        return notComputed();
      }
      return generate(generator, context);
    }

    private SecretValue generate(SecretGenerator generator, GenerationContext context) {
      if (generator.slow()) {
        listener.computing(context.target(), "generating");
      }
      return generator.generate(context);
    }

    /**
     * The one place a stored generated value is checked for staleness: through the verifier, which
     * answers remembered verdicts and uses checks started ahead.
     */
    private Staleness checkStale(
        SecretGenerator generator, SecretValue existing, GenerationContext context) {
      return verifier.check(context.target(), generator.type(), generator, existing, context);
    }

    /**
     * For a generator {@linkplain SecretGenerator#refreshedWithSourceSiblings() refreshed with its
     * source's siblings}: a secret derived from the same source that got a new value in this run.
     */
    private Optional<SecretRef> refreshedSibling(
        GeneratedSecret secret, SecretGenerator generator) {
      if (!generator.refreshedWithSourceSiblings()) {
        return Optional.empty();
      }
      for (SecretRef dep : order.dependencies(secret)) {
        ResolvedSecret r = resolved.get(dep);
        if (r != null
            && !dep.key().equals(secret.rule().source())
            && (r.origin() == Origin.GENERATED
                || r.origin() == Origin.REGENERATED
                || r.origin() == Origin.STALE)) {
          return Optional.of(dep);
        }
      }
      return Optional.empty();
    }

    /** A value that equals no stored one: a random 128-bit tag nobody else knows. */
    private SecretValue notComputed() {
      byte[] tag = new byte[16];
      random.nextBytes(tag);
      return SecretValue.of("\u0000not computed " + HexFormat.of().formatHex(tag));
    }

    @Override
    public void put(SecretRef ref, SecretValue value, Provenance provenance) {
      resolved.put(ref, new ResolvedSecret(ref, value, provenance));
    }

    @Override
    public void fail(Secret secret, String message) {
      unresolved.put(
          secret.ref(), new Problem(secret.spec().location(), secret.ref().toString(), message));
    }

    @Override
    public void warn(String warning) {
      warnings.add(warning);
    }

    /** What a generator sees while resolving one secret: its declared dependencies, resolved. */
    private GenerationContext context(GeneratedSecret secret, SecretGenerator generator) {
      Set<String> declared = GeneratorOption.dependencyKeys(secret.rule(), generator.options());
      return new RuleContext(
          secret,
          random,
          clock,
          statics.oidcClients(),
          key -> {
            if (!declared.contains(key)) {
              throw new IllegalArgumentException(
                  key + " is not a declared dependency of " + secret.ref());
            }
            ResolvedSecret r = resolved.get(new SecretRef(secret.application(), key));
            if (r == null) {
              throw new IllegalStateException(key + " is not resolved yet");
            }
            return r.value();
          });
    }
  }
}

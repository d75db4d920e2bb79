package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Gives every required secret a value, in dependency order (DESIGN §4). Collects every secret that
 * cannot be resolved instead of stopping at the first.
 */
final class Resolver {

  /** The generator type whose value records when the secrets derived from its source changed. */
  static final String MTIME = "mtime";

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
      run.startVerifications();
      run.resolveAll();
    } finally {
      run.verifier.close();
    }
    boolean managed = statics != null;
    if (managed) {
      run.resolvePullSecret(statics);
    }
    return new Resolution(run.resolved, run.unresolved, managed, run.warnings);
  }

  SecretGenerator generator(GeneratedSecret secret) {
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
  private final class Run {
    private final PhalanxEnvironment env;
    private final StaticSecrets statics;
    private final boolean hasSource;
    private final Map<String, StoredApplication> stored;
    private final SyncOptions options;
    private final Map<SecretRef, Secret> required;
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
      this.env = env;
      this.statics = statics;
      this.hasSource = hasSource;
      this.stored = stored;
      this.options = options;
      this.required = env.secretsByRef();
      this.verifier = verifier;
      this.listener = listener;
      this.dependedOn = compareOnly ? dependedOn() : null;
    }

    /** Every required secret some other required secret copies or is generated from. */
    private Set<SecretRef> dependedOn() {
      Set<SecretRef> all = new HashSet<>();
      for (Secret secret : required.values()) {
        if (secret instanceof CopySecret copy) {
          all.add(copy.from());
        } else if (secret instanceof GeneratedSecret generated) {
          // An mtime's ordering after its siblings reads their origin, never their value.
          Optional<SecretGenerator> generator = generators.find(generated.type());
          if (generator.isPresent()) {
            for (String key :
                GeneratorOption.dependencyKeys(generated.rule(), generator.get().options())) {
              all.add(new SecretRef(secret.application(), key));
            }
          }
        }
      }
      return all;
    }

    /**
     * Starts, in parallel and before resolving anything, the slow staleness checks whose inputs can
     * be foreseen: a stored value whose source will most likely keep the value the static source or
     * the store gives it now. A wrong guess only costs the check again when the secret is resolved.
     */
    void startVerifications() {
      for (Secret secret : required.values()) {
        if (!(secret instanceof GeneratedSecret generated) || generated.rule().source() == null) {
          continue;
        }
        Optional<SecretGenerator> generator = generators.find(generated.type());
        Optional<SecretValue> existing = current(stored, secret.ref());
        if (generator.isEmpty()
            || !generator.get().slow()
            || generator.get().alwaysRegenerate()
            || existing.isEmpty()
            || options.regenerates(secret.ref())) {
          continue;
        }
        SecretRef sourceRef = new SecretRef(secret.application(), generated.rule().source());
        Secret source = required.get(sourceRef);
        if (source == null || options.regenerates(sourceRef)) {
          continue;
        }
        Optional<SecretValue> likely =
            source instanceof ValueSecret literal
                ? Optional.of(SecretValue.of(literal.value()))
                : source instanceof StaticSecret
                    ? statics.value(sourceRef).or(() -> current(stored, sourceRef))
                    : current(stored, sourceRef);
        if (likely.isPresent()) {
          verifier.start(
              secret.ref(),
              generated.type(),
              generator.get(),
              likely.get(),
              existing.get(),
              new Foreseen(generated, likely.get()));
        }
      }
    }

    void resolveAll() {
      Map<SecretRef, Set<SecretRef>> pending = new TreeMap<>();
      for (Secret secret : required.values()) {
        pending.put(secret.ref(), dependencies(secret));
      }
      boolean progress = true;
      while (progress && !pending.isEmpty()) {
        progress = false;
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
          var entry = it.next();
          SecretRef ref = entry.getKey();
          Secret secret = required.get(ref);
          Optional<SecretRef> notRequired =
              entry.getValue().stream().filter(d -> !required.containsKey(d)).findFirst();
          if (notRequired.isPresent()) {
            fail(
                secret,
                dependencyMessage(secret, notRequired.get())
                    + ", which is not required in environment "
                    + env.name());
            it.remove();
            progress = true;
            continue;
          }
          Optional<SecretRef> failed =
              entry.getValue().stream().filter(unresolved::containsKey).findFirst();
          if (failed.isPresent()) {
            fail(secret, dependencyMessage(secret, failed.get()) + ", which could not be resolved");
            it.remove();
            progress = true;
            continue;
          }
          if (resolved.keySet().containsAll(entry.getValue())) {
            resolveOne(secret);
            it.remove();
            progress = true;
          }
        }
      }
      for (SecretRef ref : pending.keySet()) {
        fail(required.get(ref), "is part of a dependency cycle: " + cycleFrom(ref, pending));
      }
    }

    private String dependencyMessage(Secret secret, SecretRef dependency) {
      if (secret instanceof CopySecret) {
        return "copies " + dependency;
      }
      return "needs " + dependency;
    }

    private String cycleFrom(SecretRef start, Map<SecretRef, Set<SecretRef>> pending) {
      List<SecretRef> path = new ArrayList<>();
      Set<SecretRef> seen = new HashSet<>();
      SecretRef current = start;
      while (current != null && seen.add(current)) {
        path.add(current);
        current =
            pending.getOrDefault(current, Set.of()).stream()
                .filter(pending::containsKey)
                .findFirst()
                .orElse(null);
      }
      if (current != null) {
        path = path.subList(path.indexOf(current), path.size());
        path = new ArrayList<>(path);
        path.add(current);
      }
      return String.join(" -> ", path.stream().map(SecretRef::toString).toList());
    }

    private Set<SecretRef> dependencies(Secret secret) {
      Set<SecretRef> deps = new LinkedHashSet<>();
      if (secret instanceof CopySecret copy) {
        deps.add(copy.from());
      } else if (secret instanceof GeneratedSecret generated) {
        SecretGenerator generator = generator(generated);
        for (String key : GeneratorOption.dependencyKeys(generated.rule(), generator.options())) {
          deps.add(new SecretRef(secret.application(), key));
        }
        String source = generated.rule().source();
        if (generated.type().equals(MTIME) && source != null) {
          // An mtime is refreshed when a secret derived from the same source is regenerated,
          // so it is resolved after them.
          for (Secret other : required.values()) {
            if (other instanceof GeneratedSecret sibling
                && sibling != secret
                && sibling.application().equals(secret.application())
                && !sibling.type().equals(MTIME)
                && source.equals(sibling.rule().source())) {
              deps.add(sibling.ref());
            }
          }
        }
      }
      return deps;
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
          put(ref, resolved.get(from).value(), Provenance.copy(from));
        }
        case STATIC -> resolveStatic(secret);
        case GENERATED -> resolveGenerated((GeneratedSecret) secret);
        case DERIVED -> resolveDerived((GeneratedSecret) secret);
      }
    }

    /**
     * The pull secret, derived from the static source's registries. A source that provides none
     * never empties the store: the stored pull secret is kept (with a warning) unless its
     * regeneration is asked for explicitly.
     */
    void resolvePullSecret(StaticSecrets given) {
      Optional<SecretValue> current = current(stored, PullSecrets.REF);
      if (given.pullSecret().isPresent()) {
        SecretValue value = SecretValue.of(PullSecrets.dockerConfigJson(given.pullSecret().get()));
        if (current.isPresent() && JsonValues.equivalent(current.get(), value)) {
          value = current.get();
        }
        put(PullSecrets.REF, value, Provenance.derived());
      } else if (current.isPresent()
          && !options.excluded(PullSecrets.APPLICATION)
          && !options.regenerate().contains(PullSecrets.REF)) {
        String why = "the static source provides no pull secret";
        put(PullSecrets.REF, current.get(), Provenance.keptDerived(why));
        warnings.add(keptWarning(PullSecrets.REF, why));
      }
    }

    private String keptWarning(SecretRef ref, String why) {
      return ref
          + ": "
          + why
          + "; keeping the value the store holds (to clear it, run with --regenerate "
          + ref
          + ")";
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
        put(ref, fromStore.get(), Provenance.of(Origin.STORE));
        return;
      }
      fail(secret, "static secret has no value in the static source or the store");
    }

    /**
     * A value derived from static input on every run. Without a static source the stored value is
     * trusted, as for static secrets; a source that provides none of the input never empties what
     * the store holds unless the secret's regeneration is asked for explicitly.
     */
    private void resolveDerived(GeneratedSecret secret) {
      SecretRef ref = secret.ref();
      SecretGenerator generator = generator(secret);
      Optional<SecretValue> existing = current(stored, ref);
      try {
        if (!hasSource && existing.isPresent()) {
          put(ref, existing.get(), Provenance.keptDerived(null));
          return;
        }
        SecretValue fresh = generator.generate(new Context(secret, generator));
        if (existing.isPresent() && JsonValues.equivalent(existing.get(), fresh)) {
          put(ref, existing.get(), Provenance.derived());
        } else if (existing.isPresent()
            && providesNoInput()
            && !options.regenerate().contains(ref)) {
          String why = "the static source provides no OIDC clients";
          put(ref, existing.get(), Provenance.keptDerived(why));
          warnings.add(keptWarning(ref, why));
        } else {
          put(ref, fresh, Provenance.derived());
        }
      } catch (PhalanxSecretsException e) {
        fail(secret, "cannot generate: " + e.getMessage());
      }
    }

    /** Whether the static source gives none of the input derived secrets are made from. */
    private boolean providesNoInput() {
      return statics.oidcClients().isEmpty();
    }

    private void resolveGenerated(GeneratedSecret secret) {
      SecretRef ref = secret.ref();
      SecretGenerator generator = generator(secret);
      Context context = new Context(secret, generator);
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
        Optional<SecretRef> refreshedWith = refreshedSibling(secret);
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
          put(ref, existing.get(), Provenance.of(Origin.KEPT));
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

    /** For an mtime: a secret derived from the same source that got a new value in this run. */
    private Optional<SecretRef> refreshedSibling(GeneratedSecret secret) {
      if (!secret.type().equals(MTIME)) {
        return Optional.empty();
      }
      for (SecretRef dep : dependencies(secret)) {
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

    private void put(SecretRef ref, SecretValue value, Provenance provenance) {
      resolved.put(ref, new ResolvedSecret(ref, value, provenance));
    }

    private void fail(Secret secret, String message) {
      unresolved.put(
          secret.ref(), new Problem(secret.spec().location(), secret.ref().toString(), message));
    }

    /** What a check started ahead sees: the source value foreseen, no other dependency. */
    private final class Foreseen implements GenerationContext {
      private final GeneratedSecret secret;
      private final SecretValue source;

      Foreseen(GeneratedSecret secret, SecretValue source) {
        this.secret = secret;
        this.source = source;
      }

      @Override
      public SecretRef target() {
        return secret.ref();
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
        return Optional.of(source);
      }

      @Override
      public GeneratorOptions options() {
        return secret.rule().options();
      }

      @Override
      public SecretValue dependency(String key) {
        if (key.equals(secret.rule().source())) {
          return source;
        }
        throw new IllegalStateException(key + " is not known before resolving " + secret.ref());
      }

      @Override
      public List<OidcClient> oidcClients() {
        return statics.oidcClients();
      }
    }

    /** What a generator sees while resolving one secret. */
    private final class Context implements GenerationContext {
      private final GeneratedSecret secret;
      private final Set<String> dependencies;

      Context(GeneratedSecret secret, SecretGenerator generator) {
        this.secret = secret;
        this.dependencies = GeneratorOption.dependencyKeys(secret.rule(), generator.options());
      }

      @Override
      public SecretRef target() {
        return secret.ref();
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
        String source = secret.rule().source();
        return source == null ? Optional.empty() : Optional.of(dependency(source));
      }

      @Override
      public GeneratorOptions options() {
        return secret.rule().options();
      }

      @Override
      public SecretValue dependency(String key) {
        if (!dependencies.contains(key)) {
          throw new IllegalArgumentException(
              key + " is not a declared dependency of " + secret.ref());
        }
        ResolvedSecret r = resolved.get(new SecretRef(secret.application(), key));
        if (r == null) {
          throw new IllegalStateException(key + " is not resolved yet");
        }
        return r.value();
      }

      @Override
      public List<OidcClient> oidcClients() {
        return statics.oidcClients();
      }
    }
  }
}

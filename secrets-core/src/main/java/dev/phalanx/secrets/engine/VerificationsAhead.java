package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The slow staleness checks a {@link Resolver} starts before resolving anything, on the source
 * values it foresees; the {@link Verifier} runs them in parallel and answers them when the secret
 * is resolved.
 */
final class VerificationsAhead {

  private final GeneratorCatalog generators;
  private final SecureRandom random;
  private final Clock clock;

  VerificationsAhead(GeneratorCatalog generators, SecureRandom random, Clock clock) {
    this.generators = generators;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Starts, in parallel and before resolving anything, the slow staleness checks whose inputs can
   * be foreseen: a stored value whose source will most likely keep the value the static source or
   * the store gives it now. A wrong guess only costs the check again when the secret is resolved.
   */
  void start(
      Map<SecretRef, Secret> required,
      StaticSecrets statics,
      Map<String, StoredApplication> stored,
      SyncOptions options,
      Verifier verifier) {
    for (Secret secret : required.values()) {
      if (!(secret instanceof GeneratedSecret generated) || generated.rule().source() == null) {
        continue;
      }
      Optional<SecretGenerator> generator = generators.find(generated.type());
      Optional<SecretValue> existing = Resolver.current(stored, secret.ref());
      if (generator.isEmpty()
          || !generator.get().slow()
          || generator.get().derivedFromStaticInput()
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
                  ? statics.value(sourceRef).or(() -> Resolver.current(stored, sourceRef))
                  : Resolver.current(stored, sourceRef);
      if (likely.isPresent()) {
        verifier.start(
            secret.ref(),
            generated.type(),
            generator.get(),
            likely.get(),
            existing.get(),
            foreseen(generated, likely.get(), statics));
      }
    }
  }

  /** What a check started ahead sees: the source value foreseen, no other dependency. */
  private GenerationContext foreseen(
      GeneratedSecret secret, SecretValue source, StaticSecrets statics) {
    return new RuleContext(
        secret,
        random,
        clock,
        statics.oidcClients(),
        key -> {
          if (key.equals(secret.rule().source())) {
            return source;
          }
          throw new IllegalStateException(key + " is not known before resolving " + secret.ref());
        });
  }
}

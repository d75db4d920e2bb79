package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.spi.SecretGenerator;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a required secret gets its value. The resolver dispatches on it and {@code explain} renders
 * it, so the two cannot disagree.
 */
enum ValueRule {
  /** A literal {@code value:} of the spec. */
  LITERAL(EnumSet.of(Origin.LITERAL)),
  /** A copy of another secret. */
  COPY(EnumSet.of(Origin.COPY)),
  /** Given by the static source; else kept from the store. */
  STATIC(EnumSet.of(Origin.STATIC_SOURCE, Origin.KEPT_STATIC)),
  /** Generated once, kept while stored, unless regeneration is asked for or it is stale. */
  GENERATED(EnumSet.of(Origin.GENERATED, Origin.KEPT_GENERATED, Origin.REGENERATED, Origin.STALE)),
  /**
   * Derived anew from static input on every run; the stored value is kept when there is no static
   * source, or the source provides none of that input.
   */
  DERIVED(EnumSet.of(Origin.DERIVED, Origin.KEPT_STATIC));

  private final Set<Origin> origins;

  ValueRule(Set<Origin> origins) {
    this.origins = origins;
  }

  /** The origins a value of this rule can have. */
  Set<Origin> origins() {
    return origins;
  }

  static ValueRule of(Secret secret, SecretGenerator generator) {
    if (secret instanceof GeneratedSecret) {
      return generator.derivedFromStaticInput() ? DERIVED : GENERATED;
    }
    return of(secret);
  }

  /** For a secret that is not generated. */
  static ValueRule of(Secret secret) {
    if (secret instanceof ValueSecret) {
      return LITERAL;
    }
    if (secret instanceof CopySecret) {
      return COPY;
    }
    if (secret instanceof StaticSecret) {
      return STATIC;
    }
    throw new IllegalArgumentException("a generated secret needs its generator: " + secret.ref());
  }
}
